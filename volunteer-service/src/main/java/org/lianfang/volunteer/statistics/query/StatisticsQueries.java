package org.lianfang.volunteer.statistics.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.lianfang.volunteer.support.Documents;
import org.springframework.stereotype.Component;

/** Reads service statistics of a volunteer, a team or a community. */
@Component
public class StatisticsQueries {

    private final MongoCollection<Document> stats;

    public StatisticsQueries(MongoDatabase serviceDatabase) {
        this.stats = serviceDatabase.getCollection(StatisticsProjection.STATISTICS);
    }

    /**
     * Totals: {@code personTimes} (人次) is the number of services, {@code hours} the checked-in time
     * of shifts (to the minute), {@code householdsServed} the distinct households delivered to.
     */
    public record Statistics(int personTimes, double hours, Map<StatisticsProjection.Kind, Integer> byKind,
                             int householdsServed) {
    }

    public Statistics ofVolunteer(String volunteerId) {
        return of(StatisticsProjection.volunteer(volunteerId));
    }

    public Statistics ofTeam(String teamId) {
        return of(StatisticsProjection.team(teamId));
    }

    public Statistics ofCommunity(String communityId) {
        return of(StatisticsProjection.community(communityId));
    }

    private Statistics of(String id) {
        Document doc = Documents.byId(stats, id).orElse(new Document());
        Document services = doc.get("services", Document.class);
        Map<StatisticsProjection.Kind, Integer> byKind = new EnumMap<>(StatisticsProjection.Kind.class);
        for (StatisticsProjection.Kind kind : StatisticsProjection.Kind.values()) {
            byKind.put(kind, 0);
        }
        long minutes = 0;
        int count = 0;
        if (services != null) {
            for (Object value : services.values()) {
                Document service = (Document) value;
                if (service.getString("kind") == null) {
                    continue;
                }
                count++;
                byKind.merge(StatisticsProjection.Kind.valueOf(service.getString("kind")), 1, Integer::sum);
                if (service.get("minutes") instanceof Number n) {
                    minutes += n.longValue();
                }
            }
        }
        return new Statistics(count, Math.round(minutes / 60.0 * 100) / 100.0, byKind,
                doc.getList("households", String.class, List.of()).size());
    }
}
