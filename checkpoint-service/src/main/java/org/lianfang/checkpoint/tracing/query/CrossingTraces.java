package org.lianfang.checkpoint.tracing.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.lianfang.contracts.checkpoint.CrossingDenied;
import org.lianfang.contracts.checkpoint.CrossingDetails;
import org.lianfang.contracts.checkpoint.CrossingRecorded;
import org.springframework.stereotype.Component;

/**
 * Files every crossing where contact tracing and the board look for it, by key only:
 * <ul>
 *   <li>{@code crossing_minutes}: one document per checkpoint per minute of occurred-at, the
 *       crossings in it keyed by crossing id;</li>
 *   <li>{@code crossing_days}: one per checkpoint per day, the minutes that have crossings;</li>
 *   <li>{@code person_crossing_days} and {@code person_crossings}: the same per person, and per ID
 *       number (keyed hash) for someone the registry did not know yet, so their earlier crossings
 *       join their trail once registered;</li>
 *   <li>{@code checkpoint_board_hours}: one per checkpoint per hour, direction/verdict/rule per crossing.</li>
 * </ul>
 * Every write sets a field named by the crossing id or adds to a set, so a replay or a redelivery
 * changes nothing twice. A late upload lands in the minute it happened, not the one it arrived.
 */
@Component
@ProcessingGroup(CrossingTraces.PROCESSING_GROUP)
public class CrossingTraces {

    public static final String PROCESSING_GROUP = "crossing-traces";
    public static final String MINUTES = "crossing_minutes";
    public static final String DAYS = "crossing_days";
    public static final String PERSON_DAYS = "person_crossing_days";
    public static final String PERSONS = "person_crossings";
    public static final String BOARD_HOURS = "checkpoint_board_hours";

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> minutes;
    private final MongoCollection<Document> days;
    private final MongoCollection<Document> personDays;
    private final MongoCollection<Document> persons;
    private final MongoCollection<Document> boardHours;

    public CrossingTraces(MongoDatabase serviceDatabase) {
        this.minutes = serviceDatabase.getCollection(MINUTES);
        this.days = serviceDatabase.getCollection(DAYS);
        this.personDays = serviceDatabase.getCollection(PERSON_DAYS);
        this.persons = serviceDatabase.getCollection(PERSONS);
        this.boardHours = serviceDatabase.getCollection(BOARD_HOURS);
    }

    @EventHandler
    void on(CrossingRecorded event) {
        file(event.crossing(), CrossingEntry.of(event.crossing(), true, null, event.flags()));
    }

    @EventHandler
    void on(CrossingDenied event) {
        file(event.crossing(), CrossingEntry.of(event.crossing(), false, event.rule(), event.flags()));
    }

    /** The key a crossing of someone not (yet) registered is filed under: the keyed hash of the ID number shown. */
    public static String idNumberKey(String residentIdHash) {
        return "id:" + residentIdHash;
    }

    private static java.util.List<String> traceKeys(CrossingDetails details) {
        java.util.List<String> keys = new java.util.ArrayList<>(details.personIds());
        if (details.personId() == null && details.residentIdHash() != null) {
            keys.add(idNumberKey(details.residentIdHash()));
        }
        return keys;
    }

    private void file(CrossingDetails details, CrossingEntry entry) {
        String checkpointId = details.checkpointId().value();
        String minute = TracingKeys.minute(details.occurredAt());
        LocalDate day = TracingKeys.day(details.occurredAt());
        Document doc = entry.toDocument();
        minutes.updateOne(Filters.eq("_id", TracingKeys.minuteBucket(checkpointId, minute)),
                Updates.combine(Updates.set("items." + entry.crossingId(), doc),
                        Updates.set("checkpointId", checkpointId)), UPSERT);
        days.updateOne(Filters.eq("_id", TracingKeys.dayIndex(checkpointId, day)),
                Updates.addToSet("minutes", minute), UPSERT);
        for (String personId : traceKeys(details)) {
            personDays.updateOne(Filters.eq("_id", TracingKeys.personDay(personId, day)),
                    Updates.set("items." + entry.crossingId(), doc), UPSERT);
            persons.updateOne(Filters.eq("_id", personId), Updates.addToSet("days", day.toString()), UPSERT);
        }
        boardHours.updateOne(Filters.eq("_id", TracingKeys.boardHour(checkpointId, TracingKeys.hour(details.occurredAt()))),
                Updates.set("c." + entry.crossingId(), new Document("d", entry.direction().name())
                        .append("a", entry.allowed()).append("r", entry.rule())
                        .append("f", List.copyOf(entry.flags()))), UPSERT);
    }
}
