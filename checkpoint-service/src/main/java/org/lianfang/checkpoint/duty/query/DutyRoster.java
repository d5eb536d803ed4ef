package org.lianfang.checkpoint.duty.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.lianfang.contracts.volunteer.ShiftCheckedIn;
import org.lianfang.contracts.volunteer.ShiftCheckedOut;
import org.springframework.stereotype.Component;

/**
 * Who was on duty at which checkpoint when, from volunteer-service's events (read-only, its own
 * token), for contact tracing: one document per shift by {@code _id}, and one per checkpoint per
 * (UTC) day of check-in listing its shifts. Setting fields and adding to sets is idempotent.
 */
@Component
@ProcessingGroup(DutyRoster.PROCESSING_GROUP)
public class DutyRoster {

    public static final String PROCESSING_GROUP = "volunteer-duty";
    public static final String SHIFTS = "duty_shifts";
    public static final String DAYS = "duty_days";
    /** How many days before {@code t} a shift still open at {@code t} may have started. */
    static final int LOOK_BACK_DAYS = 2;
    /** Shift ids per {@code $in}. */
    private static final int BATCH = 500;

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> shifts;
    private final MongoCollection<Document> days;

    public DutyRoster(MongoDatabase serviceDatabase) {
        this.shifts = serviceDatabase.getCollection(SHIFTS);
        this.days = serviceDatabase.getCollection(DAYS);
    }

    /** A volunteer's time on duty at a checkpoint; {@code checkedOutAt} null while still on duty. */
    public record Duty(String shiftId, String checkpointId, String volunteerId, String volunteerName,
                       Instant checkedInAt, Instant checkedOutAt) {
    }

    @EventHandler
    void on(ShiftCheckedIn event) {
        String checkpointId = event.checkpointId().value();
        shifts.updateOne(Filters.eq("_id", event.shiftId().value()), Updates.combine(
                Updates.set("checkpointId", checkpointId), Updates.set("volunteerId", event.volunteerId().value()),
                Updates.set("volunteerName", event.volunteerName()),
                Updates.set("checkedInAt", event.checkedInAt().toString())), UPSERT);
        days.updateOne(Filters.eq("_id", dayKey(checkpointId, day(event.checkedInAt()))),
                Updates.addToSet("shiftIds", event.shiftId().value()), UPSERT);
    }

    @EventHandler
    void on(ShiftCheckedOut event) {
        shifts.updateOne(Filters.eq("_id", event.shiftId().value()),
                Updates.set("checkedOutAt", event.checkedOutAt().toString()), UPSERT);
    }

    /** Everyone on duty at {@code checkpointId} at instant {@code at}, by check-in time. */
    public List<Duty> onDuty(String checkpointId, Instant at) {
        Moment moment = new Moment(checkpointId, at);
        return onDuty(List.of(moment)).get(moment);
    }

    /** A checkpoint at an instant. */
    public record Moment(String checkpointId, Instant at) {
    }

    /**
     * Everyone on duty at each of {@code moments}, by check-in time: the day documents of all of
     * them in one {@code $in}, then their shifts in {@code $in} batches.
     */
    public Map<Moment, List<Duty>> onDuty(Collection<Moment> moments) {
        Set<String> dayKeys = new LinkedHashSet<>();
        for (Moment moment : moments) {
            dayKeys.addAll(dayKeys(moment));
        }
        Map<String, List<String>> shiftsByDay = new HashMap<>();
        days.find(Filters.in("_id", dayKeys)).forEach(doc ->
                shiftsByDay.put(doc.getString("_id"), doc.getList("shiftIds", String.class)));
        List<String> shiftIds = shiftsByDay.values().stream().flatMap(List::stream).distinct().toList();
        Map<String, Duty> found = new HashMap<>();
        for (int i = 0; i < shiftIds.size(); i += BATCH) {
            shifts.find(Filters.in("_id", shiftIds.subList(i, Math.min(shiftIds.size(), i + BATCH)))).forEach(doc -> {
                if (doc.getString("checkedInAt") != null) {
                    found.put(doc.getString("_id"), new Duty(doc.getString("_id"), doc.getString("checkpointId"),
                            doc.getString("volunteerId"), doc.getString("volunteerName"),
                            Instant.parse(doc.getString("checkedInAt")),
                            doc.getString("checkedOutAt") == null ? null : Instant.parse(doc.getString("checkedOutAt"))));
                }
            });
        }
        Map<Moment, List<Duty>> onDuty = new HashMap<>();
        for (Moment moment : moments) {
            List<Duty> here = new ArrayList<>();
            for (String dayKey : dayKeys(moment)) {
                for (String shiftId : shiftsByDay.getOrDefault(dayKey, List.of())) {
                    Duty duty = found.get(shiftId);
                    if (duty != null && !duty.checkedInAt().isAfter(moment.at())
                            && (duty.checkedOutAt() == null || moment.at().isBefore(duty.checkedOutAt()))) {
                        here.add(duty);
                    }
                }
            }
            here.sort(Comparator.comparing(Duty::checkedInAt).thenComparing(Duty::shiftId));
            onDuty.put(moment, here);
        }
        return onDuty;
    }

    private static List<String> dayKeys(Moment moment) {
        List<String> keys = new ArrayList<>(LOOK_BACK_DAYS + 1);
        for (int back = 0; back <= LOOK_BACK_DAYS; back++) {
            keys.add(dayKey(moment.checkpointId(), day(moment.at()).minusDays(back)));
        }
        return keys;
    }

    private static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static String dayKey(String checkpointId, LocalDate day) {
        return checkpointId + "|" + day;
    }
}
