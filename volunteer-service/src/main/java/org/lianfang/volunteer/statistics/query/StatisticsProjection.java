package org.lianfang.volunteer.statistics.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.lianfang.contracts.volunteer.DeliveryLeftAtDoor;
import org.lianfang.contracts.volunteer.DeliveryOrdered;
import org.lianfang.contracts.volunteer.DisinfectionRecorded;
import org.lianfang.contracts.volunteer.ShiftCheckedIn;
import org.lianfang.contracts.volunteer.ShiftCheckedOut;
import org.lianfang.contracts.volunteer.TeamFormed;
import org.lianfang.contracts.volunteer.VolunteerEnrolled;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.contracts.volunteer.VolunteerJoinedTeam;
import org.lianfang.contracts.volunteer.VolunteerLeftTeam;
import org.lianfang.volunteer.support.Documents;
import org.springframework.stereotype.Component;

/**
 * Service statistics (人次, hours, households served) per volunteer, team and community. A service
 * is one shift checked in, one delivery left at a door or one disinfection round, kept in a map by
 * a stable key, so a redelivered event counts once. A service counts for the teams the volunteer
 * belonged to when it happened; that list is stored with the service the first time it is seen, so
 * the result depends only on the order of events — which a rebuild from scratch (a reset empties
 * the collection) reproduces exactly.
 */
@Component
@ProcessingGroup(StatisticsProjection.PROCESSING_GROUP)
public class StatisticsProjection {

    public static final String PROCESSING_GROUP = "volunteer-statistics";
    public static final String STATISTICS = "volunteer_statistics";

    /** What kind of service a person-time was. */
    public enum Kind { SHIFT, DELIVERY, DISINFECTION }

    private final MongoCollection<Document> stats;

    public StatisticsProjection(MongoDatabase serviceDatabase) {
        this.stats = serviceDatabase.getCollection(STATISTICS);
    }

    static String volunteer(String id) {
        return "volunteer|" + id;
    }

    static String team(String id) {
        return "team|" + id;
    }

    static String community(String id) {
        return "community|" + id;
    }

    private static String member(String id) {
        return "member|" + id;
    }

    private static String order(String id) {
        return "order|" + id;
    }

    @ResetHandler
    void reset() {
        stats.deleteMany(new Document());
    }

    @EventHandler
    void on(VolunteerEnrolled e) {
        upsert(member(e.volunteerId().value()), Updates.set("communityId", e.communityId()));
    }

    @EventHandler
    void on(TeamFormed e) {
        upsert(member(e.leaderId().value()), Updates.addToSet("teams", e.teamId()));
    }

    @EventHandler
    void on(VolunteerJoinedTeam e) {
        upsert(member(e.volunteerId().value()), Updates.addToSet("teams", e.teamId()));
    }

    @EventHandler
    void on(VolunteerLeftTeam e) {
        upsert(member(e.volunteerId().value()), Updates.pull("teams", e.teamId()));
    }

    /**
     * Remembers the household an order serves; an order for no registry household counts as a household
     * of its own. Not the address: it is personal data (erased with its person), and a count keyed by it
     * would change when a rebuild after an erasure reads it as erased.
     */
    @EventHandler
    void on(DeliveryOrdered e) {
        upsert(order(e.orderId().value()), Updates.combine(Updates.set("householdId", e.householdId()),
                Updates.unset("address")));
    }

    @EventHandler
    void on(ShiftCheckedIn e) {
        served(e.volunteerId().value(), "shift-" + e.shiftId().value(), Kind.SHIFT, e.checkedInAt(), null);
    }

    @EventHandler
    void on(ShiftCheckedOut e) {
        String volunteer = e.volunteerId().value();
        String key = "shift-" + e.shiftId().value();
        Document service = services(volunteer).get(key, Document.class);
        if (service == null) {
            return;
        }
        long minutes = Math.max(0, Duration.between(Documents.instant(service, "at"), e.checkedOutAt()).toMinutes());
        for (String target : targets(volunteer, service)) {
            upsert(target, Updates.set("services." + entry(target, volunteer, key) + ".minutes", minutes));
        }
    }

    @EventHandler
    void on(DeliveryLeftAtDoor e) {
        Document order = Documents.byId(stats, order(e.orderId().value())).orElse(new Document());
        String household = order.getString("householdId") != null ? order.getString("householdId")
                : "order:" + e.orderId().value();
        served(e.volunteerId().value(), "delivery-" + e.orderId().value(), Kind.DELIVERY, e.at(), household);
    }

    @EventHandler
    void on(DisinfectionRecorded e) {
        for (VolunteerId v : e.volunteerIds()) {
            served(v.value(), "round-" + e.roundId(), Kind.DISINFECTION, e.performedAt(), null);
        }
    }

    private void served(String volunteer, String key, Kind kind, Instant at, String household) {
        Document service = services(volunteer).get(key, Document.class);
        if (service == null) {
            Document membership = Documents.byId(stats, member(volunteer)).orElse(new Document());
            service = new Document("kind", kind.name()).append("at", at.toString())
                    .append("teams", membership.getList("teams", String.class, List.of()))
                    .append("communityId", membership.getString("communityId"));
        }
        for (String target : targets(volunteer, service)) {
            Document entry = new Document("kind", service.getString("kind")).append("at", service.getString("at"));
            List<Bson> updates = new ArrayList<>();
            updates.add(Updates.set("services." + entry(target, volunteer, key) + ".kind", entry.getString("kind")));
            updates.add(Updates.set("services." + entry(target, volunteer, key) + ".at", entry.getString("at")));
            if (target.equals(volunteer(volunteer))) {
                updates.add(Updates.set("services." + key + ".teams", service.getList("teams", String.class)));
                updates.add(Updates.set("services." + key + ".communityId", service.getString("communityId")));
            }
            if (household != null) {
                updates.add(Updates.addToSet("households", household));
            }
            upsert(target, Updates.combine(updates));
        }
    }

    /** The documents a volunteer's service counts in: theirs, their teams' at the time, their community's. */
    private static List<String> targets(String volunteer, Document service) {
        List<String> targets = new ArrayList<>();
        targets.add(volunteer(volunteer));
        service.getList("teams", String.class, List.of()).forEach(t -> targets.add(team(t)));
        if (service.getString("communityId") != null) {
            targets.add(community(service.getString("communityId")));
        }
        return targets;
    }

    /** Within a volunteer's own document the key alone; in shared documents prefixed by the volunteer. */
    private static String entry(String target, String volunteer, String key) {
        return target.equals(volunteer(volunteer)) ? key : volunteer + "~" + key;
    }

    private Document services(String volunteer) {
        return Documents.byId(stats, volunteer(volunteer)).map(d -> d.get("services", Document.class))
                .orElse(new Document());
    }

    private void upsert(String id, Bson update) {
        stats.updateOne(Filters.eq("_id", id), update, new UpdateOptions().upsert(true));
    }
}
