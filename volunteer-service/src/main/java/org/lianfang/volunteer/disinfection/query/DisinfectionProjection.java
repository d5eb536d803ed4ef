package org.lianfang.volunteer.disinfection.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.LocalDate;
import java.time.ZoneId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.lianfang.contracts.volunteer.DisinfectionArea;
import org.lianfang.contracts.volunteer.DisinfectionRecorded;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.volunteer.config.VolunteerSettings;
import org.lianfang.volunteer.support.SetIndex;
import org.springframework.stereotype.Component;

/**
 * One document per building and day (in the community's zone) holding that day's rounds as a map by
 * round id (writing a round again changes nothing), and the set of each community's buildings.
 */
@Component
@ProcessingGroup(DisinfectionProjection.PROCESSING_GROUP)
public class DisinfectionProjection {

    public static final String PROCESSING_GROUP = "volunteer-disinfections";
    static final String DAYS = "volunteer_disinfection_days";
    static final String INDEX = "volunteer_building_index";
    static final String REGISTRY_INDEX = "volunteer_registry_buildings";

    private final MongoCollection<Document> days;
    private final SetIndex buildings;
    private final SetIndex registryBuildings;
    private final ZoneId zone;

    public DisinfectionProjection(MongoDatabase serviceDatabase, VolunteerSettings settings) {
        this.days = serviceDatabase.getCollection(DAYS);
        this.buildings = new SetIndex(serviceDatabase, INDEX);
        this.registryBuildings = new SetIndex(serviceDatabase, REGISTRY_INDEX);
        this.zone = settings.zone();
    }

    static String day(String communityId, String compoundId, String building, LocalDate day) {
        return communityId + "|" + compoundId + "|" + building + "|" + day;
    }

    /** A building of a community as the index keeps it. */
    static String building(String compoundId, String building) {
        return compoundId + "|" + building;
    }

    /** A rebuild starts from nothing; the registry's buildings are another group's and stay. */
    @ResetHandler
    void reset() {
        days.deleteMany(new Document());
        buildings.clear();
    }

    @EventHandler
    void on(DisinfectionRecorded e) {
        LocalDate date = LocalDate.ofInstant(e.performedAt(), zone);
        days.updateOne(Filters.eq("_id", day(e.communityId(), e.compoundId(), e.building(), date)), Updates.combine(
                Updates.set("communityId", e.communityId()), Updates.set("compoundId", e.compoundId()),
                Updates.set("building", e.building()), Updates.set("date", date.toString()),
                Updates.set("rounds." + e.roundId(), new Document("roundId", e.roundId())
                        .append("performedAt", e.performedAt().toString())
                        .append("areas", e.areas().stream().map(DisinfectionArea::name).toList())
                        .append("volunteerIds", e.volunteerIds().stream().map(VolunteerId::value).toList())
                        .append("recordedBy", e.recordedBy()))), new UpdateOptions().upsert(true));
        buildings.add(e.communityId(), building(e.compoundId(), e.building()));
    }

    /** Registry buildings (from households) are known before their first round, so a building never disinfected shows. */
    public void knownBuilding(String communityId, String compoundId, String building) {
        registryBuildings.add(communityId, building(compoundId, building));
    }
}
