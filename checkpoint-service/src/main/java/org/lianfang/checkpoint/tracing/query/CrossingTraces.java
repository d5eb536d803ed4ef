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
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.lianfang.contracts.checkpoint.CrossingDenied;
import org.lianfang.contracts.checkpoint.CrossingDetails;
import org.lianfang.contracts.checkpoint.CrossingRecorded;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Files every crossing where contact tracing and the board look for it, by key only:
 * <ul>
 *   <li>{@code crossing_minute_pages}: one bucket per checkpoint per minute of occurred-at, the
 *       crossings in it keyed by crossing id, in pages of at most about {@value #MINUTE_PAGE} ({@link PagedBuckets});</li>
 *   <li>{@code crossing_hours}: one per checkpoint per hour, the minutes that have crossings (at most
 *       60: it replaced a document per day whose list of up to 1,440 minutes every crossing rewrote);</li>
 *   <li>{@code person_crossing_days} and {@code person_crossings}: the same per person, and per ID
 *       number (keyed hash) for someone the registry did not know yet, so their earlier crossings
 *       join their trail once registered;</li>
 *   <li>{@code checkpoint_board_pages}: one bucket per checkpoint per hour, direction/verdict/rule/flags per
 *       crossing as one short string ({@link CheckpointBoard#entry}), in pages of about {@value #BOARD_PAGE}.</li>
 * </ul>
 * Every write sets a field named by the crossing id or adds to a set, so a replay or a redelivery
 * changes nothing twice (a replaying batch files only what is missing; see {@link PagedBuckets}).
 * The writes of a batch of events are merged per document and sent in one bulk write per
 * collection (see {@code Batch}). A late upload lands in the minute it happened, not the one it arrived.
 */
@Component
@ProcessingGroup(CrossingTraces.PROCESSING_GROUP)
public class CrossingTraces {

    /**
     * Versioned: a layout change takes a new name, so the new processor files everything again from
     * the first event on its own (v2: hour indexes instead of day indexes, compact board entries;
     * v3: minute and board buckets in pages, in new collections).
     */
    public static final String PROCESSING_GROUP = "crossing-traces-v3";
    public static final String MINUTES = "crossing_minute_pages";
    public static final String HOURS = "crossing_hours";
    public static final String PERSON_DAYS = "person_crossing_days";
    public static final String PERSONS = "person_crossings";
    public static final String BOARD_HOURS = "checkpoint_board_pages";
    /** Crossings per page of a minute bucket (~400 bytes each: pages of ~40 KB). */
    static final int MINUTE_PAGE = 100;
    /** Crossings per page of a board hour (~40 bytes each). */
    static final int BOARD_PAGE = 1000;

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CrossingTraces.class);
    private static final int DUPLICATE_KEY = 11000;
    private static final int UPSERT_ATTEMPTS = 3;
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final String BATCH_RESOURCE = CrossingTraces.class.getName() + ".batch";

    private final PagedBuckets minutes;
    private final MongoCollection<Document> hours;
    private final MongoCollection<Document> personDays;
    private final MongoCollection<Document> persons;
    private final PagedBuckets boardHours;

    @Autowired
    public CrossingTraces(MongoDatabase serviceDatabase) {
        this(serviceDatabase, MINUTE_PAGE, BOARD_PAGE);
    }

    /** With other page sizes (tests). */
    CrossingTraces(MongoDatabase serviceDatabase, int minutePage, int boardPage) {
        this.minutes = new PagedBuckets(serviceDatabase.getCollection(MINUTES), "items", minutePage);
        this.hours = serviceDatabase.getCollection(HOURS);
        this.personDays = serviceDatabase.getCollection(PERSON_DAYS);
        this.persons = serviceDatabase.getCollection(PERSONS);
        this.boardHours = new PagedBuckets(serviceDatabase.getCollection(BOARD_HOURS), "c", boardPage);
    }

    @EventHandler
    void on(CrossingRecorded event, ReplayStatus status) {
        file(event.crossing(), CrossingEntry.of(event.crossing(), true, null, event.flags()), status.isReplay());
    }

    @EventHandler
    void on(CrossingDenied event, ReplayStatus status) {
        file(event.crossing(), CrossingEntry.of(event.crossing(), false, event.rule(), event.flags()), status.isReplay());
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

    /** Files a crossing: with the batch of the processor's unit of work, or at once outside one (tests). */
    void file(CrossingDetails details, CrossingEntry entry, boolean replaying) {
        Batch batch = CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(BATCH_RESOURCE, key -> newBatch())
                : new Batch();
        batch.add(details, entry, replaying);
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
        private final Map<String, PagedBuckets.Bucket> minuteSets = new LinkedHashMap<>();
        private final Map<String, Set<String>> hourMinutes = new LinkedHashMap<>();
        private final Map<String, Document> personDaySets = new LinkedHashMap<>();
        private final Map<String, Set<String>> personDays = new LinkedHashMap<>();
        private final Map<String, PagedBuckets.Bucket> boardSets = new LinkedHashMap<>();
        private boolean replaying;

        void add(CrossingDetails details, CrossingEntry entry, boolean replay) {
            replaying |= replay;
            String checkpointId = details.checkpointId().value();
            String minute = TracingKeys.minute(details.occurredAt());
            LocalDate day = TracingKeys.day(details.occurredAt());
            Document doc = entry.toDocument();
            PagedBuckets.Bucket minuteBucket = minuteSets.computeIfAbsent(TracingKeys.minuteBucket(checkpointId, minute),
                    k -> new PagedBuckets.Bucket());
            minuteBucket.fields.put("checkpointId", checkpointId);
            minuteBucket.entries.put(entry.crossingId(), doc);
            hourMinutes.computeIfAbsent(TracingKeys.hourIndex(checkpointId, TracingKeys.hour(details.occurredAt())),
                    k -> new LinkedHashSet<>()).add(minute);
            for (String personId : traceKeys(details)) {
                personDaySets.computeIfAbsent(TracingKeys.personDay(personId, day), k -> new Document())
                        .append("items." + entry.crossingId(), doc);
                personDays.computeIfAbsent(personId, k -> new LinkedHashSet<>()).add(day.toString());
            }
            boardSets.computeIfAbsent(TracingKeys.boardHour(checkpointId, TracingKeys.hour(details.occurredAt())),
                    k -> new PagedBuckets.Bucket()).entries.put(entry.crossingId(), CheckpointBoard.entry(entry));
        }

        void flush(CrossingTraces traces) {
            if (!minuteSets.isEmpty()) {
                traces.minutes.write(minuteSets, replaying);
                minuteSets.clear();
            }
            write(traces.hours, hourMinutes, added -> new Document("$addToSet",
                    new Document("minutes", new Document("$each", List.copyOf(added)))));
            write(traces.personDays, personDaySets, sets -> new Document("$set", sets));
            write(traces.persons, personDays, added -> new Document("$addToSet",
                    new Document("days", new Document("$each", List.copyOf(added)))));
            if (!boardSets.isEmpty()) {
                traces.boardHours.write(boardSets, replaying);
                boardSets.clear();
            }
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
