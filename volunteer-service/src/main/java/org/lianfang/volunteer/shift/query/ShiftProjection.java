package org.lianfang.volunteer.shift.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.lianfang.contracts.volunteer.ShiftCheckedIn;
import org.lianfang.contracts.volunteer.ShiftCheckedOut;
import org.lianfang.contracts.volunteer.ShiftScheduled;
import org.lianfang.contracts.volunteer.VolunteerAssignedToShift;
import org.lianfang.contracts.volunteer.VolunteerUnassignedFromShift;
import org.lianfang.volunteer.support.SetIndex;
import org.springframework.stereotype.Component;

/**
 * One document per shift with its assignments as a map by volunteer id (setting a field again is
 * idempotent), and keyed sets: the shifts of a checkpoint per UTC day they touch (coverage reads a
 * few days, never a range), and the shifts of a volunteer.
 */
@Component
@ProcessingGroup(ShiftProjection.PROCESSING_GROUP)
public class ShiftProjection {

    public static final String PROCESSING_GROUP = "volunteer-shifts";
    public static final String SHIFTS = "volunteer_shifts";
    static final String INDEX = "volunteer_shift_index";

    private final MongoCollection<Document> shifts;
    private final SetIndex index;

    public ShiftProjection(MongoDatabase serviceDatabase) {
        this.shifts = serviceDatabase.getCollection(SHIFTS);
        this.index = new SetIndex(serviceDatabase, INDEX);
    }

    static String checkpointDay(String checkpointId, LocalDate day) {
        return "checkpoint|" + checkpointId + "|" + day;
    }

    static String ofVolunteer(String volunteerId) {
        return "volunteer|" + volunteerId;
    }

    /** The UTC days {@code [from, to)} touches. */
    static List<LocalDate> days(Instant from, Instant to) {
        List<LocalDate> days = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
        for (LocalDate d = LocalDate.ofInstant(from, ZoneOffset.UTC); !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    /** A rebuild starts from nothing. */
    @ResetHandler
    void reset() {
        shifts.deleteMany(new Document());
        index.clear();
    }

    @EventHandler
    void on(ShiftScheduled e) {
        update(e.shiftId().value(), Updates.combine(Updates.set("checkpointId", e.checkpointId().value()),
                Updates.set("communityId", e.communityId()), Updates.set("compoundId", e.compoundId()),
                Updates.set("startsAt", e.startsAt().toString()), Updates.set("endsAt", e.endsAt().toString()),
                Updates.set("requiredHeadcount", e.requiredHeadcount()), Updates.set("scheduledBy", e.scheduledBy()),
                Updates.set("scheduledAt", e.scheduledAt().toString())));
        for (LocalDate day : days(e.startsAt(), e.endsAt())) {
            index.add(checkpointDay(e.checkpointId().value(), day), e.shiftId().value());
        }
    }

    @EventHandler
    void on(VolunteerAssignedToShift e) {
        String at = "assignments." + e.volunteerId().value();
        update(e.shiftId().value(), Updates.combine(Updates.set(at + ".volunteerId", e.volunteerId().value()),
                Updates.set(at + ".assignedAt", e.assignedAt().toString())));
        index.add(ofVolunteer(e.volunteerId().value()), e.shiftId().value());
    }

    @EventHandler
    void on(VolunteerUnassignedFromShift e) {
        update(e.shiftId().value(), Updates.unset("assignments." + e.volunteerId().value()));
        index.remove(ofVolunteer(e.volunteerId().value()), e.shiftId().value());
    }

    @EventHandler
    void on(ShiftCheckedIn e) {
        String at = "assignments." + e.volunteerId().value();
        update(e.shiftId().value(), Updates.combine(Updates.set(at + ".checkedInAt", e.checkedInAt().toString()),
                Updates.set(at + ".volunteerName", e.volunteerName())));
    }

    @EventHandler
    void on(ShiftCheckedOut e) {
        update(e.shiftId().value(), Updates.set("assignments." + e.volunteerId().value() + ".checkedOutAt",
                e.checkedOutAt().toString()));
    }

    private void update(String shiftId, Bson update) {
        shifts.updateOne(Filters.eq("_id", shiftId), update, new UpdateOptions().upsert(true));
    }
}
