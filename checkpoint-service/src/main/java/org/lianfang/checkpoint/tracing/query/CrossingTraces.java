package org.lianfang.checkpoint.tracing.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
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
 *   <li>{@code crossing_hours}: one per checkpoint per hour, the minutes that have crossings (at most
 *       60: it replaced a document per day whose list of up to 1,440 minutes every crossing rewrote);</li>
 *   <li>{@code person_crossing_days} and {@code person_crossings}: the same per person, and per ID
 *       number (keyed hash) for someone the registry did not know yet, so their earlier crossings
 *       join their trail once registered;</li>
 *   <li>{@code checkpoint_board_hours}: one per checkpoint per hour, direction/verdict/rule/flags per
 *       crossing as one short string ({@link CheckpointBoard#entry}).</li>
 * </ul>
 * Every write sets a field named by the crossing id or adds to a set, so a replay or a redelivery
 * changes nothing twice. The writes of a batch of events are merged per document and sent in one
 * bulk write per collection (see {@code Batch}). A late upload lands in the minute it happened, not the one it arrived.
 */
@Component
@ProcessingGroup(CrossingTraces.PROCESSING_GROUP)
public class CrossingTraces {

    /**
     * Versioned: a layout change takes a new name, so the new processor files everything again from
     * the first event on its own (v2: hour indexes instead of day indexes, compact board entries).
     */
    public static final String PROCESSING_GROUP = "crossing-traces-v2";
    public static final String MINUTES = "crossing_minutes";
    public static final String HOURS = "crossing_hours";
    public static final String PERSON_DAYS = "person_crossing_days";
    public static final String PERSONS = "person_crossings";
    public static final String BOARD_HOURS = "checkpoint_board_hours";

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CrossingTraces.class);
    private static final int DUPLICATE_KEY = 11000;
    private static final int UPSERT_ATTEMPTS = 3;
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final String BATCH_RESOURCE = CrossingTraces.class.getName() + ".batch";

    private final MongoCollection<Document> minutes;
    private final MongoCollection<Document> hours;
    private final MongoCollection<Document> personDays;
    private final MongoCollection<Document> persons;
    private final MongoCollection<Document> boardHours;

    public CrossingTraces(MongoDatabase serviceDatabase) {
        this.minutes = serviceDatabase.getCollection(MINUTES);
        this.hours = serviceDatabase.getCollection(HOURS);
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
        Batch batch = CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(BATCH_RESOURCE, key -> newBatch())
                : new Batch();
        batch.add(details, entry);
        if (!CurrentUnitOfWork.isStarted()) {
            batch.flush(this);
        }
    }

    private Batch newBatch() {
        Batch batch = new Batch();
        CurrentUnitOfWork.get().root().onPrepareCommit(uow -> batch.flush(this));
        return batch;
    }

    /**
     * The writes of one batch of events, merged per document: a busy minute, day or hour bucket is
     * updated once per batch instead of once per crossing (each update rewrites the whole document),
     * and each collection takes one round trip per batch. Flushed when the batch's unit of work
     * commits, before the processor stores its token, so a failed flush re-delivers the batch.
     */
    private static final class Batch {
        private final Map<String, Document> minuteSets = new LinkedHashMap<>();
        private final Map<String, Set<String>> hourMinutes = new LinkedHashMap<>();
        private final Map<String, Document> personDaySets = new LinkedHashMap<>();
        private final Map<String, Set<String>> personDays = new LinkedHashMap<>();
        private final Map<String, Document> boardSets = new LinkedHashMap<>();

        void add(CrossingDetails details, CrossingEntry entry) {
            String checkpointId = details.checkpointId().value();
            String minute = TracingKeys.minute(details.occurredAt());
            LocalDate day = TracingKeys.day(details.occurredAt());
            Document doc = entry.toDocument();
            minuteSets.computeIfAbsent(TracingKeys.minuteBucket(checkpointId, minute),
                    k -> new Document("checkpointId", checkpointId)).append("items." + entry.crossingId(), doc);
            hourMinutes.computeIfAbsent(TracingKeys.hourIndex(checkpointId, TracingKeys.hour(details.occurredAt())),
                    k -> new LinkedHashSet<>()).add(minute);
            for (String personId : traceKeys(details)) {
                personDaySets.computeIfAbsent(TracingKeys.personDay(personId, day), k -> new Document())
                        .append("items." + entry.crossingId(), doc);
                personDays.computeIfAbsent(personId, k -> new LinkedHashSet<>()).add(day.toString());
            }
            boardSets.computeIfAbsent(TracingKeys.boardHour(checkpointId, TracingKeys.hour(details.occurredAt())),
                    k -> new Document()).append("c." + entry.crossingId(), CheckpointBoard.entry(entry));
        }

        void flush(CrossingTraces traces) {
            write(traces.minutes, minuteSets, sets -> new Document("$set", sets));
            write(traces.hours, hourMinutes, added -> new Document("$addToSet",
                    new Document("minutes", new Document("$each", List.copyOf(added)))));
            write(traces.personDays, personDaySets, sets -> new Document("$set", sets));
            write(traces.persons, personDays, added -> new Document("$addToSet",
                    new Document("days", new Document("$each", List.copyOf(added)))));
            write(traces.boardHours, boardSets, sets -> new Document("$set", sets));
        }

        private static <T> void write(MongoCollection<Document> collection, Map<String, T> byId,
                                      Function<T, Document> update) {
            if (byId.isEmpty()) {
                return;
            }
            List<UpdateOneModel<Document>> writes = new ArrayList<>(byId.size());
            byId.forEach((id, value) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", id), update.apply(value),
                    UPSERT)));
            for (int attempt = 1; ; attempt++) {
                try {
                    collection.bulkWrite(writes, UNORDERED);
                    break;
                } catch (com.mongodb.MongoBulkWriteException e) {
                    // two instances (or two segments) creating the same bucket at once: one upsert loses
                    // the race on _id (E11000). Every write here is idempotent, so the batch is written
                    // again and now updates the bucket the other one created, instead of failing the
                    // whole batch into the processor's back-off (up to a minute).
                    boolean raced = e.getWriteErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY);
                    if (!raced || attempt == UPSERT_ATTEMPTS) {
                        throw e;
                    }
                    LOG.info("{} of {} bucket upserts in {} lost a race on _id; writing the batch again",
                            e.getWriteErrors().size(), writes.size(), collection.getNamespace().getCollectionName());
                }
            }
            byId.clear();
        }
    }
}
