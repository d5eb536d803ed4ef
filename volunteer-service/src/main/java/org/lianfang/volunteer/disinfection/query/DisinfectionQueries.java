package org.lianfang.volunteer.disinfection.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;
import org.lianfang.contracts.volunteer.DisinfectionArea;
import org.lianfang.volunteer.config.VolunteerSettings;
import org.lianfang.volunteer.support.Documents;
import org.lianfang.volunteer.support.SetIndex;
import org.springframework.stereotype.Component;

/** Per building and day: the rounds and whether the daily rounds happened. */
@Component
public class DisinfectionQueries {

    private final MongoCollection<Document> days;
    private final SetIndex buildings;
    private final SetIndex registryBuildings;
    private final int required;

    public DisinfectionQueries(MongoDatabase serviceDatabase, VolunteerSettings settings) {
        this.days = serviceDatabase.getCollection(DisinfectionProjection.DAYS);
        this.buildings = new SetIndex(serviceDatabase, DisinfectionProjection.INDEX);
        this.registryBuildings = new SetIndex(serviceDatabase, DisinfectionProjection.REGISTRY_INDEX);
        this.required = settings.roundsPerDay();
    }

    /** One round. */
    public record Round(String roundId, Instant performedAt, List<DisinfectionArea> areas, List<String> volunteerIds,
                        String recordedBy) {
    }

    /** A building's day. */
    public record BuildingDay(String compoundId, String building, LocalDate date, List<Round> rounds, int done,
                              int required, int missing, boolean complete) {
    }

    /** Every known building of the community (of one compound if given) on {@code date}. */
    public List<BuildingDay> day(String communityId, String compoundId, LocalDate date) {
        java.util.TreeSet<String> all = buildings.members(communityId);
        all.addAll(registryBuildings.members(communityId));
        List<String[]> known = all.stream().map(b -> b.split("\\|", 2))
                .filter(b -> compoundId == null || b[0].equals(compoundId)).toList();
        Map<String, Document> found = Documents.byIds(days, known.stream()
                        .map(b -> DisinfectionProjection.day(communityId, b[0], b[1], date)).toList()).stream()
                .collect(Collectors.toMap(d -> d.getString("_id"), d -> d));
        List<BuildingDay> result = new ArrayList<>();
        for (String[] b : known) {
            Document doc = found.get(DisinfectionProjection.day(communityId, b[0], b[1], date));
            List<Round> rounds = new ArrayList<>();
            if (doc != null && doc.get("rounds") instanceof Document map) {
                for (Object value : map.values()) {
                    Document r = (Document) value;
                    rounds.add(new Round(r.getString("roundId"), Documents.instant(r, "performedAt"),
                            r.getList("areas", String.class, List.of()).stream().map(DisinfectionArea::valueOf).toList(),
                            r.getList("volunteerIds", String.class, List.of()), r.getString("recordedBy")));
                }
            }
            rounds.sort(Comparator.comparing(Round::performedAt));
            DailyRoundsPolicy.Status status = DailyRoundsPolicy.status(rounds.stream().map(Round::performedAt).toList(),
                    required);
            result.add(new BuildingDay(b[0], b[1], date, rounds, status.done(), status.required(), status.missing(),
                    status.complete()));
        }
        result.sort(Comparator.comparing(BuildingDay::compoundId).thenComparing(BuildingDay::building));
        return result;
    }
}
