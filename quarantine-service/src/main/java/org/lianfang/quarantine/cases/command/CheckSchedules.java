package org.lianfang.quarantine.cases.command;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.lianfang.contracts.quarantine.QuarantineCompleted;
import org.lianfang.contracts.quarantine.QuarantineExtended;
import org.lianfang.contracts.quarantine.QuarantineReleasedEarly;
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.lianfang.contracts.quarantine.TemperatureRecorded;
import org.springframework.stereotype.Component;

/**
 * The durable deadlines of the check windows: one document per active case in
 * {@code quarantine_check_schedules}, holding the next window to judge. Deadlines live in the
 * store, not in timers, so a restart forgets none. Starting writes the first window only if the
 * document is new, so a replay does not rewind the schedule; an ended case's document is removed.
 */
@Component
@ProcessingGroup(CheckSchedules.PROCESSING_GROUP)
public class CheckSchedules {

    public static final String PROCESSING_GROUP = "check-schedule";
    public static final String COLLECTION = "quarantine_check_schedules";

    private final MongoCollection<Document> schedules;
    private final QuarantinePolicies policies;

    public CheckSchedules(MongoDatabase serviceDatabase, QuarantinePolicies policies) {
        this.schedules = serviceDatabase.getCollection(COLLECTION);
        this.policies = policies;
    }

    /**
     * A case's next window to judge, and what the due-checks list needs: whose case, where, the
     * latest reading and by which medic.
     */
    public record Schedule(String caseId, CheckSchedulePolicy.CheckWindow next, Instant endsAt, String personId,
                           String communityId, String compoundId, Instant lastReadingAt, String lastMedic) {
    }

    @EventHandler
    void on(QuarantineStarted event) {
        CheckSchedulePolicy.CheckWindow first = policies.checks().firstOpeningFrom(event.startedAt());
        schedules.updateOne(Filters.eq("_id", event.caseId().value()), Updates.combine(
                Updates.setOnInsert("endsAt", Date.from(event.endsAt())),
                Updates.setOnInsert("window", first.key()),
                Updates.setOnInsert("opensAt", Date.from(first.opensAt())),
                Updates.setOnInsert("closesAt", Date.from(first.closesAt())),
                Updates.set("personId", event.personId()), Updates.set("communityId", event.communityId()),
                Updates.set("compoundId", event.compoundId())), new UpdateOptions().upsert(true));
    }

    /** Remembers the latest reading; an older one delivered late or again changes nothing. */
    @EventHandler
    void on(TemperatureRecorded event) {
        schedules.updateOne(Filters.and(Filters.eq("_id", event.caseId().value()), Filters.or(
                        Filters.eq("lastReadingAt", null), Filters.lt("lastReadingAt", Date.from(event.occurredAt())))),
                Updates.combine(Updates.set("lastReadingAt", Date.from(event.occurredAt())),
                        Updates.set("lastMedic", event.medic())));
    }

    @EventHandler
    void on(QuarantineExtended event) {
        schedules.updateOne(Filters.eq("_id", event.caseId().value()), Updates.set("endsAt", Date.from(event.endsAt())));
    }

    @EventHandler
    void on(QuarantineCompleted event) {
        remove(event.caseId().value());
    }

    @EventHandler
    void on(QuarantineReleasedEarly event) {
        remove(event.caseId().value());
    }

    /** Every schedule; one small document per active case, read whole by the sweep. */
    public List<Schedule> all() {
        List<Schedule> all = new ArrayList<>();
        schedules.find().forEach(doc -> all.add(new Schedule(doc.getString("_id"),
                new CheckSchedulePolicy.CheckWindow(doc.getString("window"), doc.getDate("opensAt").toInstant(),
                        doc.getDate("closesAt").toInstant()), doc.getDate("endsAt").toInstant(),
                doc.getString("personId"), doc.getString("communityId"), doc.getString("compoundId"),
                doc.getDate("lastReadingAt") == null ? null : doc.getDate("lastReadingAt").toInstant(),
                doc.getString("lastMedic"))));
        return all;
    }

    /** Moves a schedule from {@code judged} to {@code next}; false if another sweeper moved it first. */
    public boolean advance(String caseId, CheckSchedulePolicy.CheckWindow judged, CheckSchedulePolicy.CheckWindow next) {
        return schedules.updateOne(Filters.and(Filters.eq("_id", caseId), Filters.eq("window", judged.key())),
                Updates.combine(Updates.set("window", next.key()), Updates.set("opensAt", Date.from(next.opensAt())),
                        Updates.set("closesAt", Date.from(next.closesAt())))).getModifiedCount() == 1;
    }

    public void remove(String caseId) {
        schedules.deleteOne(Filters.eq("_id", caseId));
    }
}
