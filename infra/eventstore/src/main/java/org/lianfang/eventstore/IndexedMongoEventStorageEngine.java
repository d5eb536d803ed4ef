package org.lianfang.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.io.BasicOutputBuffer;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Projections.include;
import static org.axonframework.common.BuilderUtils.assertNonNull;
import static org.axonframework.common.BuilderUtils.assertPositive;
import static org.axonframework.common.BuilderUtils.assertThat;
import static org.axonframework.eventhandling.EventUtils.asDomainEventMessage;

/**
 * An Axon event storage engine on the MongoDB sync driver that follows the JDBC engine's proven
 * semantics — a global index, gap-aware tracking tokens — while asking the store only key
 * look-ups, so that it stays linear on the embedded store and uses indexes on a replica set.
 *
 * <h2>Layout (one database per service)</h2>
 * <ul>
 *   <li>{@code event_commits}: one document per aggregate per unit of work, holding its events.
 *       A single-document insert is atomic, so a commit is visible whole or not at all without
 *       transactions. {@code _id} is the commit's <em>last</em> global index (so a gap run cut by
 *       a token's gap truncation still finds its commit); {@code a} holds {@code aggregateId/seq}
 *       of every event of the commit (a string for one event, an array for several) under one
 *       unique (multikey) index: it loads aggregates by {@code $in}, finds the commit a read starts
 *       inside, and makes any two commits of an aggregate that share a sequence collide.
 *       Commits written by earlier builds have {@code a} = {@code aggregateId/firstSeq} only and
 *       {@code z} = {@code aggregateId/lastSeq}; their stores keep a sparse unique index on
 *       {@code z}, read only to find such a commit that a read starts inside (stores of this
 *       build have no {@code z}, and never probe it).
 *       {@code pp} lists, per event, the persons it names.</li>
 *   <li>{@code event_counters}: the global index counter, from which each engine instance leases
 *       blocks of indexes ({@link IndexLeases}), and the person indexer's position.</li>
 *   <li>{@code event_snapshots}: the latest snapshot per aggregate, {@code _id} = aggregate id.</li>
 *   <li>{@code event_persons}: per person, the global indexes of the events that name them, in
 *       bounded bucket documents, written after the commits by a background indexer
 *       ({@link PersonIndex}); a read adds the commits the indexer has not reached yet.</li>
 * </ul>
 * Payload and metadata are stored as the serializer's JSON text, which an auditor can read and
 * which keeps decimals, large longs, nanosecond instants and dotted map keys exactly.
 *
 * <h2>One round trip per commit</h2>
 * An append is one insert: its indexes come from the instance's lease, and the person index is
 * written later, in batches. The price of the lease: indexes are handed out per instance, so two
 * instances' commits interleave in index order within a lease's lifetime (0.5 s by default, at
 * most a quarter of the gap timeout), and the unused rest of an expired lease stays a gap in
 * every tracking token until the token's gap cleaning drops it. A commit is written no later than
 * the lifetime after its indexes left the counter, or it takes new ones, so tracking processors
 * never give up a gap that a commit can still fill; a writer's and a reader's clocks must agree
 * to well within the gap timeout minus the lifetime.
 */
public class IndexedMongoEventStorageEngine extends BatchingEventStorageEngine {

    public static final String COMMITS = "event_commits";
    public static final String COUNTERS = "event_counters";
    public static final String SNAPSHOTS = "event_snapshots";
    public static final String PERSONS = "event_persons";
    static final String GLOBAL_INDEX_COUNTER = "global-index";
    static final String LAST_SEQUENCE_INDEX = "aggregate_last_sequence";

    private static final Logger log = LoggerFactory.getLogger(IndexedMongoEventStorageEngine.class);
    private static final int FIRST_AGGREGATE_WINDOW = 64;
    private static final int KNOWN_END_MARGIN = 8;
    private static final int MAX_AGGREGATE_WINDOW = 1024;
    private static final int MAX_TRACKING_WINDOW = 1024;
    private static final int HEAD_GAP_WINDOW = 1000;
    private static final int TAIL_COMMIT_WINDOW = 256;
    private static final int KNOWN_COMMIT_ENDS = 10_000;

    private final MongoCollection<Document> commits;
    /** The same collection, for commits encoded by {@link #commitDocuments}. */
    private final MongoCollection<RawBsonDocument> commitWrites;
    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> persons;
    private final String personIdsMetadataKey;
    private final boolean readOnly;
    private final int gapTimeout;
    private final int gapCleaningThreshold;
    private final int maxGapOffset;
    private final Clock clock;
    private final IndexLeases leases;
    final PersonIndex personIndex;

    /**
     * Per aggregate, the last sequence number at which this engine saw one of its commits end. A
     * stored commit never changes, so a read that starts right after it starts at a commit
     * boundary and needs no look-up of a commit covering that sequence: a read-model that re-reads
     * an aggregate from its last folded event ("anything new?") costs one round trip, not two.
     */
    private final Map<String, Long> knownCommitEnds = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                    return size() > KNOWN_COMMIT_ENDS;
                }
            });

    private volatile Boolean earlierBuildsCommits;

    /** A test seam: runs after the global indexes of a commit were taken and before it is written. */
    volatile Runnable afterIndexAllocation = () -> {
    };

    protected IndexedMongoEventStorageEngine(Builder builder) {
        super(builder);
        WriteConcern writeConcern = builder.writeConcern;
        MongoDatabase db = builder.database;
        this.commits = db.getCollection(COMMITS).withWriteConcern(writeConcern);
        this.commitWrites = commits.withDocumentClass(RawBsonDocument.class);
        this.counters = db.getCollection(COUNTERS).withWriteConcern(writeConcern);
        this.snapshots = db.getCollection(SNAPSHOTS).withWriteConcern(writeConcern);
        this.persons = db.getCollection(PERSONS).withWriteConcern(writeConcern);
        this.personIdsMetadataKey = builder.personIdsMetadataKey;
        this.readOnly = builder.readOnly;
        this.gapTimeout = builder.gapTimeout;
        this.gapCleaningThreshold = builder.gapCleaningThreshold;
        this.maxGapOffset = builder.maxGapOffset;
        this.clock = builder.clock;
        long leaseNanos = Math.min(builder.indexLeaseLifetime.toNanos(), TimeUnit.MILLISECONDS.toNanos(gapTimeout) / 4);
        this.leases = new IndexLeases(counters, GLOBAL_INDEX_COUNTER, leaseNanos, builder.maxIndexLease, builder.nanoClock);
        this.personIndex = new PersonIndex(commits, counters, persons, GLOBAL_INDEX_COUNTER, new PersonIndex.CommitReader() {
            @Override
            public GapAwareTrackingToken clean(GapAwareTrackingToken position) {
                return cleanedToken(position);
            }

            @Override
            public List<Document> after(GapAwareTrackingToken position, int batchSize, Bson projection) {
                return commitsAfter(position, batchSize, projection);
            }

            @Override
            public boolean untaken(long from, long to) {
                return leases.untaken(from, to);
            }
        }, maxGapOffset, builder.personIndexInterval.toMillis(), clock, builder.backgroundPersonIndexing, this::guard);
        if (!readOnly) {
            ensureIndexes();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the unique index the engine relies on; idempotent. {@code z} is only in commits of
     * earlier builds, and only their stores have its index: non-sparse, it would take every new
     * commit as a duplicate {@code null}, so it is replaced by a sparse one with the same keys.
     */
    public final void ensureIndexes() {
        guard(() -> commits.createIndex(Indexes.ascending("a"), new IndexOptions().unique(true).name("aggregate_first_sequence")));
        Document lastSequence = lastSequenceIndex();
        if (lastSequence != null && !Boolean.TRUE.equals(lastSequence.get("sparse"))) {
            log.info("Replacing the event store's non-sparse index {} by a sparse one", LAST_SEQUENCE_INDEX);
            guard(() -> {
                commits.dropIndex(LAST_SEQUENCE_INDEX);
                return commits.createIndex(Indexes.ascending("z"),
                        new IndexOptions().unique(true).sparse(true).name(LAST_SEQUENCE_INDEX));
            });
        }
    }

    /** The {@code z} index of a store written by an earlier build, or {@code null} (a store of this build has none). */
    private Document lastSequenceIndex() {
        return guard(() -> commits.listIndexes().into(new ArrayList<>())).stream()
                .filter(index -> LAST_SEQUENCE_INDEX.equals(index.getString("name"))).findFirst().orElse(null);
    }

    /**
     * Whether the store holds commits of an earlier build, which name only their first sequence
     * in {@code a} (so a read may start inside one without finding it there): asked once, when a
     * read first needs to know.
     */
    private boolean hasEarlierBuildsCommits() {
        Boolean known = earlierBuildsCommits;
        if (known == null) {
            known = lastSequenceIndex() != null;
            earlierBuildsCommits = known;
        }
        return known;
    }

    // ------------------------------------------------------------------ append

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        if (readOnly) {
            throw new EventStoreException("This event store is read-only: it belongs to another service");
        }
        Map<String, List<DomainEventMessage<?>>> byAggregate = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            DomainEventMessage<?> domainEvent = asDomainEventMessage(event);
            String key = domainEvent.getType() == null
                    ? "~" + domainEvent.getIdentifier()
                    : domainEvent.getAggregateIdentifier();
            byAggregate.computeIfAbsent(key, k -> new ArrayList<>()).add(domainEvent);
        }
        byAggregate.values().forEach(IndexedMongoEventStorageEngine::checkConsecutive);
        // Serialize first: a payload that cannot be serialized must fail before it takes indexes.
        List<List<SerializedEvent>> serialized = new ArrayList<>(byAggregate.size());
        for (List<DomainEventMessage<?>> group : byAggregate.values()) {
            List<SerializedEvent> eventDocs = new ArrayList<>(group.size());
            for (DomainEventMessage<?> event : group) {
                eventDocs.add(serializedEvent(event, serializer));
            }
            serialized.add(eventDocs);
        }
        IndexLeases.Slice slice;
        List<Commit> docs;
        try {
            slice = leases.take(events.size());
            afterIndexAllocation.run();
            docs = commitDocuments(byAggregate, serialized, slice.first());
            while (!leases.isValid(slice)) {
                // The lease expired while this commit was being prepared: its indexes are given up
                // (tracking processors may already treat them as gaps older than they tolerate).
                slice = leases.take(events.size());
                docs = commitDocuments(byAggregate, serialized, slice.first());
            }
        } catch (MongoException e) {
            throw translate(e, "allocating global indexes");
        }
        try {
            if (docs.size() == 1) {
                commitWrites.insertOne(docs.get(0).document());
            } else {
                List<RawBsonDocument> encoded = new ArrayList<>(docs.size());
                docs.forEach(commit -> encoded.add(commit.document()));
                commitWrites.insertMany(encoded);
            }
            personIndex.written(docs);
        } catch (MongoWriteException | MongoBulkWriteException e) {
            handlePersistenceException(e, failedEvent(e, docs, byAggregate));
        } catch (MongoException e) {
            throw translate(e, "appending events");
        }
        boolean namesPersons = false;
        for (Commit commit : docs) {
            if (commit.aggregate()) {
                knownCommitEnds.put(commit.aggregateIdentifier(), commit.lastSequence());
            }
            namesPersons |= commit.persons() != null;
        }
        if (namesPersons) {
            personIndex.poke();
            personIndex.keepUp(docs.get(docs.size() - 1).id());
        }
        try {
            leases.refillIfDue();
        } catch (MongoException e) {
            // the commit is stored: the next commit that needs indexes asks the counter itself
            log.debug("Taking the next block of global indexes ahead failed: {}", e.toString());
        }
    }

    /**
     * A commit's events of one aggregate must follow each other (n, n+1, …). The unique key that
     * catches a second writer of a sequence cannot catch a sequence repeated <em>inside</em> one
     * commit — a multikey index holds a document's repeated value once, on MongoDB as here — so
     * two instances of one new aggregate created in one unit of work would otherwise both be
     * stored at sequence 0. Refused before any index is taken, as a second writer would be.
     */
    private static void checkConsecutive(List<DomainEventMessage<?>> group) {
        DomainEventMessage<?> first = group.get(0);
        if (first.getType() == null) {
            return;
        }
        for (int i = 1; i < group.size(); i++) {
            long previous = group.get(i - 1).getSequenceNumber();
            long sequence = group.get(i).getSequenceNumber();
            if (sequence == previous + 1) {
                continue;
            }
            String what = "Aggregate " + first.getAggregateIdentifier() + ": one commit holds sequence " + sequence
                    + " after " + previous;
            if (sequence <= previous) {
                // the same sequence twice: what a second writer of it would be told
                throw sequence == 0 ? new AggregateStreamCreationException(what + " (created twice)")
                        : new ConcurrencyException(what + " (written twice)");
            }
            throw new EventStoreException(what + ": the events of a commit must follow each other");
        }
    }

    /**
     * One commit document per aggregate, encoded here field by field rather than built as a
     * {@link Document} and encoded by the driver's codec registry: the document is the same
     * (same fields, order and BSON types), the client's work per commit is smaller (session 19).
     */
    private List<Commit> commitDocuments(Map<String, List<DomainEventMessage<?>>> byAggregate,
                                         List<List<SerializedEvent>> serialized, long firstIndex) {
        long next = firstIndex;
        long now = clock.millis();
        List<Commit> docs = new ArrayList<>(byAggregate.size());
        int groupIndex = 0;
        for (List<DomainEventMessage<?>> group : byAggregate.values()) {
            long first = next;
            long commitId = first + group.size() - 1;
            List<Set<String>> persons = new ArrayList<>(group.size());
            group.forEach(event -> persons.add(personIds(event)));
            List<List<String>> pp = PersonIndex.commitPersons(persons);
            DomainEventMessage<?> head = group.get(0);
            long lastSequence = group.get(group.size() - 1).getSequenceNumber();
            List<SerializedEvent> events = serialized.get(groupIndex++);
            BasicOutputBuffer buffer = new BasicOutputBuffer(estimatedSize(head, events));
            try (BsonBinaryWriter w = new BsonBinaryWriter(buffer)) {
                w.writeStartDocument();
                w.writeInt64("_id", commitId);
                w.writeInt64("first", first);
                if (group.size() == 1) {
                    w.writeString("a", aggregateKey(head));
                } else {
                    w.writeStartArray("a");
                    group.forEach(event -> w.writeString(aggregateKey(event)));
                    w.writeEndArray();
                }
                writeString(w, "agg", head.getAggregateIdentifier());
                writeString(w, "type", head.getType());
                w.writeInt64("s", head.getSequenceNumber());
                w.writeInt64("e", lastSequence);
                w.writeDateTime("t", head.getTimestamp().toEpochMilli());
                w.writeDateTime("w", now);
                w.writeStartArray("events");
                for (SerializedEvent event : events) {
                    w.writeStartDocument();
                    writeString(w, "id", event.id());
                    w.writeInt64("seq", event.sequence());
                    writeString(w, "ts", event.timestamp());
                    writeString(w, "pt", event.payloadType());
                    writeString(w, "pr", event.payloadRevision());
                    writeString(w, "p", event.payload());
                    writeString(w, "m", event.metaData());
                    w.writeEndDocument();
                }
                w.writeEndArray();
                if (pp != null) {
                    w.writeStartArray("pp");
                    for (List<String> ids : pp) {
                        w.writeStartArray();
                        ids.forEach(w::writeString);
                        w.writeEndArray();
                    }
                    w.writeEndArray();
                }
                w.writeEndDocument();
            }
            docs.add(new Commit(commitId, first, head.getType() != null, head.getAggregateIdentifier(), lastSequence, pp,
                    new RawBsonDocument(buffer.getInternalBuffer(), 0, buffer.getPosition())));
            next += group.size();
        }
        return docs;
    }

    /** The encoded commit's size if its text is ASCII, so that the buffer rarely grows. */
    private static int estimatedSize(DomainEventMessage<?> head, List<SerializedEvent> events) {
        int size = 160 + 2 * length(head.getAggregateIdentifier()) + length(head.getType());
        for (SerializedEvent event : events) {
            size += 96 + length(head.getAggregateIdentifier()) + length(event.id()) + length(event.timestamp())
                    + length(event.payloadType()) + length(event.payloadRevision()) + length(event.payload())
                    + length(event.metaData());
        }
        return size;
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    private static void writeString(BsonBinaryWriter w, String name, String value) {
        if (value == null) {
            w.writeNull(name);
        } else {
            w.writeString(name, value);
        }
    }

    /** An event as its commit document holds it ({@code id, seq, ts, pt, pr, p, m}). */
    private record SerializedEvent(String id, long sequence, String timestamp, String payloadType,
                                   String payloadRevision, String payload, String metaData) {

        Document toDocument() {
            return new Document("id", id)
                    .append("seq", sequence)
                    .append("ts", timestamp)
                    .append("pt", payloadType)
                    .append("pr", payloadRevision)
                    .append("p", payload)
                    .append("m", metaData);
        }
    }

    /**
     * A commit ready to insert: its document, and what this instance keeps of it once the store
     * acknowledged it (the aggregate's last sequence; the commit's indexes and persons for the
     * person indexer).
     */
    record Commit(long id, long first, boolean aggregate, String aggregateIdentifier, long lastSequence,
                  List<List<String>> persons, RawBsonDocument document) {
    }

    private SerializedEvent serializedEvent(DomainEventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        return new SerializedEvent(event.getIdentifier(), event.getSequenceNumber(), IsoInstant.format(event.getTimestamp()),
                payload.getType().getName(), payload.getType().getRevision(), payload.getData(), metaData.getData());
    }

    private static String aggregateKey(DomainEventMessage<?> event) {
        return event.getType() == null
                ? "~" + event.getIdentifier()
                : aggregateKey(event.getAggregateIdentifier(), event.getSequenceNumber());
    }

    private static String aggregateKey(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + "/" + sequenceNumber;
    }

    private Set<String> personIds(EventMessage<?> event) {
        return PersonIndex.personIds(event.getMetaData().get(personIdsMetadataKey));
    }

    private EventMessage<?> failedEvent(MongoException e, List<Commit> docs,
                                        Map<String, List<DomainEventMessage<?>>> byAggregate) {
        int index = 0;
        if (e instanceof MongoBulkWriteException bulk && !bulk.getWriteErrors().isEmpty()) {
            index = bulk.getWriteErrors().get(0).getIndex();
        }
        List<List<DomainEventMessage<?>>> groups = new ArrayList<>(byAggregate.values());
        return groups.get(Math.min(index, groups.size() - 1)).get(0);
    }

    // ------------------------------------------------------------------ snapshots

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        if (readOnly) {
            throw new EventStoreException("This event store is read-only: it belongs to another service");
        }
        Document doc = serializedEvent(snapshot, serializer).toDocument()
                .append("_id", snapshot.getAggregateIdentifier())
                .append("type", snapshot.getType());
        try {
            snapshots.replaceOne(
                    and(eq("_id", snapshot.getAggregateIdentifier()), lt("seq", snapshot.getSequenceNumber())),
                    doc, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw translate(e, "storing a snapshot");
            }
            log.debug("A newer snapshot of {} is already stored", snapshot.getAggregateIdentifier());
        } catch (MongoException e) {
            throw translate(e, "storing a snapshot");
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document doc = guard(() -> snapshots.find(eq("_id", aggregateIdentifier)).first());
        if (doc == null) {
            return Stream.empty();
        }
        return Stream.of(domainEntry(doc.getString("type"), aggregateIdentifier, doc));
    }

    // ------------------------------------------------------------------ aggregates

    /**
     * Where the last aggregate read of this thread stopped: Axon reads an aggregate in batches,
     * and the next batch starts where the last one ended, at a commit boundary, with the window
     * the last one had reached.
     */
    private record AggregateCursor(String aggregateIdentifier, long nextSequence, int window) {
    }

    private final ThreadLocal<AggregateCursor> aggregateCursor = new ThreadLocal<>();

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber, int batchSize) {
        List<DomainEventData<?>> result = new ArrayList<>();
        long next = firstSequenceNumber;
        AggregateCursor cursor = aggregateCursor.get();
        aggregateCursor.remove();
        boolean continued = cursor != null && cursor.aggregateIdentifier().equals(aggregateIdentifier)
                && cursor.nextSequence() == firstSequenceNumber;
        int window = continued ? cursor.window() : firstWindow(aggregateIdentifier, firstSequenceNumber);
        boolean fromCommitStart = true;
        while (result.size() < batchSize) {
            List<Document> found = commitsIn(aggregateIdentifier, next, window);
            // The first commit found holds `next`: it starts there, or it lists every sequence it
            // holds and a read asked to start inside it.
            if (found.isEmpty() || found.get(0).getLong("s") > next) {
                boolean atBoundary = (continued && next == firstSequenceNumber)
                        || (next > 0 && Long.valueOf(next - 1).equals(knownCommitEnds.get(aggregateIdentifier)));
                // A commit of an earlier build lists only its first sequence: `next` may be inside one.
                boolean startsInsideACommit = found.isEmpty() ? !atBoundary && endsIn(aggregateIdentifier, next) : true;
                if (startsInsideACommit && result.isEmpty() && fromCommitStart) {
                    // Asked to start inside such a commit: read from the beginning and skip.
                    next = 0;
                    fromCommitStart = false;
                    continue;
                }
                break;
            }
            long lastSeen = next - 1;
            for (Document commit : found) {
                if (commit.getLong("s") > lastSeen + 1) {
                    break;
                }
                long from = Math.max(firstSequenceNumber, lastSeen + 1);
                for (Document event : commit.getList("events", Document.class)) {
                    if (event.getLong("seq") >= from) {
                        result.add(domainEntry(commit.getString("type"), aggregateIdentifier, event));
                    }
                }
                lastSeen = Math.max(lastSeen, commit.getLong("e"));
            }
            boolean ended = lastSeen + 1 < next + window;
            if (lastSeen >= next) {
                knownCommitEnds.put(aggregateIdentifier, lastSeen);
            }
            next = lastSeen + 1;
            window = Math.min(window * 2, MAX_AGGREGATE_WINDOW);
            if (ended) {
                break;
            }
        }
        if (result.size() >= batchSize) {
            aggregateCursor.set(new AggregateCursor(aggregateIdentifier, next, window));
        }
        return result;
    }

    /**
     * How many sequences the first look-up of a read asks for. Where this engine saw one of the
     * aggregate's commits end (it wrote or read it), up to that end and {@value #KNOWN_END_MARGIN}
     * more: those find what another instance added since in the same round trip, and a read that
     * finds more goes on with a growing window as for any aggregate. Elsewhere
     * {@value #FIRST_AGGREGATE_WINDOW}. Any value is correct — too few sequences cost a further
     * look-up, too many a larger one — so the remembered end only makes the look-up smaller: a
     * 10-event aggregate asks for 18 keys, not 64, and "anything new after the commit I read?" for 8.
     */
    private int firstWindow(String aggregateIdentifier, long from) {
        Long knownEnd = knownCommitEnds.get(aggregateIdentifier);
        if (knownEnd == null || knownEnd < from - 1) {
            return FIRST_AGGREGATE_WINDOW;
        }
        return (int) Math.min(MAX_AGGREGATE_WINDOW, knownEnd - from + 1 + KNOWN_END_MARGIN);
    }

    /**
     * Whether a commit of an earlier build (first sequence in {@code a}, last in {@code z}) covers
     * {@code seq} without starting there (rare: user reads).
     */
    private boolean endsIn(String aggregateIdentifier, long seq) {
        if (seq == 0 || !hasEarlierBuildsCommits()) {
            return false;
        }
        List<String> keys = new ArrayList<>(TAIL_COMMIT_WINDOW);
        for (long s = seq; s < seq + TAIL_COMMIT_WINDOW; s++) {
            keys.add(aggregateKey(aggregateIdentifier, s));
        }
        return guard(() -> commits.find(in("z", keys)).projection(include("s")).into(new ArrayList<>()))
                .stream().anyMatch(d -> d.getLong("s") < seq);
    }

    /** The aggregate's commits holding a sequence in [from, from + window), by first sequence. */
    private List<Document> commitsIn(String aggregateIdentifier, long from, int window) {
        List<String> keys = new ArrayList<>(window);
        for (long seq = from; seq < from + window; seq++) {
            keys.add(aggregateKey(aggregateIdentifier, seq));
        }
        return distinctBySequence(guard(() -> commits.find(in("a", keys)).into(new ArrayList<>())));
    }

    /**
     * Sorted by first sequence, each commit once: a commit of several events matches several keys
     * of an {@code $in}, and the embedded store (unlike MongoDB) then returns it once per key.
     */
    private static List<Document> distinctBySequence(List<Document> found) {
        found.sort(Comparator.comparingLong(d -> d.getLong("s")));
        for (int i = found.size() - 1; i > 0; i--) {
            if (found.get(i).get("_id").equals(found.get(i - 1).get("_id"))) {
                found.remove(i);
            }
        }
        return found;
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        long next = 0;
        Long last = null;
        int window = FIRST_AGGREGATE_WINDOW;
        while (true) {
            List<String> keys = new ArrayList<>(window);
            for (long seq = next; seq < next + window; seq++) {
                keys.add(aggregateKey(aggregateIdentifier, seq));
            }
            List<Document> found = guard(() -> commits.find(in("a", keys)).projection(include("s", "e"))
                    .into(new ArrayList<>()));
            if (found.isEmpty()) {
                return Optional.ofNullable(last);
            }
            long max = found.stream().mapToLong(d -> d.getLong("e")).max().orElseThrow();
            last = max;
            if (max + 1 < next + window) {
                return Optional.of(last);
            }
            next = max + 1;
            window = Math.min(window * 2, MAX_AGGREGATE_WINDOW);
        }
    }

    // ------------------------------------------------------------------ tracking

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        return tracked(lastToken, batchSize, Long.MAX_VALUE).events();
    }

    /** A batch of tracked events; {@code held}: it stops before a commit that may still be preceded by a late one. */
    private record TrackedBatch(List<TrackedEventData<?>> events, boolean held) {
    }

    /**
     * The events after {@code lastToken} in index order, stopping before the first commit that
     * opens a new gap and was written after {@code settledBefore} (epoch millis of this engine's
     * clock; {@code Long.MAX_VALUE}: never stop).
     */
    private TrackedBatch tracked(TrackingToken lastToken, int batchSize, long settledBefore) {
        if (lastToken != null && !(lastToken instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException("Unsupported token type: " + lastToken.getClass().getName());
        }
        GapAwareTrackingToken previous = cleanedToken((GapAwareTrackingToken) lastToken);
        List<Document> found = commitsAfter(previous, batchSize, null);

        List<TrackedEventData<?>> result = new ArrayList<>();
        GapAwareTrackingToken token = previous == null ? GapAwareTrackingToken.newInstance(0, Set.of()) : previous;
        for (Document commit : found) {
            long globalIndex = commit.getLong("first");
            if (globalIndex > token.getIndex() + 1 && commit.getDate("w").getTime() > settledBefore) {
                return new TrackedBatch(result, true);
            }
            for (Document event : commit.getList("events", Document.class)) {
                if (globalIndex > token.getIndex() || token.getGaps().contains(globalIndex)) {
                    token = token.advanceTo(globalIndex, maxGapOffset);
                    result.add(new TrackedDomainEventData<>(token,
                            domainEntry(commit.getString("type"), commit.getString("agg"), event)));
                }
                globalIndex++;
            }
        }
        return new TrackedBatch(result, false);
    }

    /**
     * The visible events at the given global indexes, by index (an index nobody wrote, or not yet
     * visible, is absent). One read fetches the commits that end at a wanted index or the next one —
     * every one-event commit and most others; an index inside a longer commit takes a window read of
     * its own. For readers that check many scattered events at once (the chain verifier of a trail).
     */
    public Map<Long, TrackedEventMessage<?>> readEventsAt(Collection<Long> indexes) {
        assertNonNull(indexes, "indexes may not be null");
        Set<Long> wanted = new TreeSet<>(indexes);
        Set<Long> ids = new TreeSet<>();
        wanted.forEach(i -> {
            ids.add(i);
            ids.add(i + 1);
        });
        List<TrackedEventData<?>> data = new ArrayList<>();
        Set<Long> found = new HashSet<>();
        if (!ids.isEmpty()) {
            List<Document> commits = guard(() -> this.commits.find(in("_id", List.copyOf(ids))).into(new ArrayList<>()));
            for (Document commit : commits) {
                long globalIndex = commit.getLong("first");
                for (Document event : commit.getList("events", Document.class)) {
                    if (wanted.contains(globalIndex) && found.add(globalIndex)) {
                        data.add(new TrackedDomainEventData<>(GapAwareTrackingToken.newInstance(globalIndex, Set.of()),
                                domainEntry(commit.getString("type"), commit.getString("agg"), event)));
                    }
                    globalIndex++;
                }
            }
        }
        for (long index : wanted) {
            if (!found.contains(index)) {
                GapAwareTrackingToken before = index <= 1 ? null : GapAwareTrackingToken.newInstance(index - 1, Set.of());
                for (TrackedEventData<?> event : tracked(before, 1, Long.MAX_VALUE).events()) {
                    long at = ((GapAwareTrackingToken) event.trackingToken()).getIndex();
                    if (at == index) {
                        data.add(event);
                        found.add(index);
                    }
                }
            }
        }
        Map<Long, TrackedEventMessage<?>> result = new TreeMap<>();
        EventUtils.upcastAndDeserializeTrackedEvents(data.stream(), getEventSerializer(), upcasterChain)
                .forEach(m -> result.put(((GapAwareTrackingToken) m.trackingToken()).getIndex(), m));
        return result;
    }

    /**
     * Some events after {@code after} (null: from the start) in index order, reading a window of
     * {@code max} indexes — grown only past empty ones — instead of a whole batch: for readers that
     * want a few events at a known place, such as the chain verifier checking one event and its
     * successor (a batch-sized read there cost a trail of 100 entries 10,000 commit reads). Returns
     * what that window holds (fewer than {@code max} across gaps, more if its last commit holds
     * several events); empty only at the head.
     */
    public List<TrackedEventMessage<?>> readEventsAfter(TrackingToken after, int max) {
        assertPositive(max, "max must be positive");
        List<TrackedEventData<?>> data = tracked(after, max, Long.MAX_VALUE).events();
        return EventUtils.upcastAndDeserializeTrackedEvents(data.stream(), getEventSerializer(), upcasterChain).toList();
    }

    /**
     * The events after {@code after} (null: from the start) in one order every reader sees alike:
     * global index order, held back at the first commit that opens a gap and was written less than
     * {@code settle} ago (by this engine's clock). A gap is normal — another instance's lease or a
     * commit still in flight — and a commit that fills it becomes visible within the lease lifetime
     * (plus its insert); once the commit after a gap has settled, the gap is taken as abandoned.
     * So a reader paging with the returned tokens gets the events in index order, and a commit
     * that fills a gap later than that (a writer stalled past {@code settle}) is still delivered,
     * once, with the next read — the only case in which the order is not the index order. The
     * stream ends at the first held-back commit or at the head; it does not block.
     */
    public Stream<TrackedEventMessage<?>> readSettledEvents(TrackingToken after, Duration settle) {
        return readSettledEvents(after, settle, () -> { });
    }

    /**
     * {@link #readSettledEvents(TrackingToken, Duration)}, calling {@code onHeld} if the stream
     * ends because it holds back at a young gap (so a reader can say "more is settling").
     */
    public Stream<TrackedEventMessage<?>> readSettledEvents(TrackingToken after, Duration settle, Runnable onHeld) {
        assertNonNull(settle, "settle may not be null");
        assertNonNull(onHeld, "onHeld may not be null");
        Iterator<TrackedEventData<?>> data = new Iterator<>() {
            private final Deque<TrackedEventData<?>> buffer = new ArrayDeque<>();
            private TrackingToken last = after;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (buffer.isEmpty() && !done) {
                    TrackedBatch batch = tracked(last, batchSize(), clock.millis() - settle.toMillis());
                    buffer.addAll(batch.events());
                    done = batch.held() || batch.events().isEmpty();
                    if (batch.held()) {
                        onHeld.run();
                    }
                    if (!batch.events().isEmpty()) {
                        last = batch.events().get(batch.events().size() - 1).trackingToken();
                    }
                }
                return !buffer.isEmpty();
            }

            @Override
            public TrackedEventData<?> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffer.poll();
            }
        };
        Stream<TrackedEventData<?>> stream = StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(data, Spliterator.ORDERED | Spliterator.NONNULL), false);
        return EventUtils.upcastAndDeserializeTrackedEvents(stream, getEventSerializer(), upcasterChain);
    }

    /**
     * The commits in the token's gaps and in the first non-empty window after it, by {@code _id}.
     * Empty windows are skipped up to the counter — abandoned leases and failed commits leave
     * runs of unused indexes of any length — with the window growing as it goes.
     */
    private List<Document> commitsAfter(GapAwareTrackingToken previous, int batchSize, Bson projection) {
        long index = previous == null ? 0 : previous.getIndex();
        SortedSet<Long> gaps = previous == null ? new TreeSet<>() : previous.getGaps();
        List<Document> found = new ArrayList<>();
        long from = index + 1;
        int window = batchSize;
        long head = -1;
        for (boolean first = true; ; first = false) {
            List<Long> ids = new ArrayList<>((first ? gaps.size() : 0) + window);
            if (first) {
                ids.addAll(gaps);
            }
            for (long i = from; i < from + window; i++) {
                ids.add(i);
            }
            found.addAll(guard(() -> {
                var find = commits.find(in("_id", ids));
                return (projection == null ? find : find.projection(projection)).into(new ArrayList<Document>());
            }));
            if (!found.isEmpty()) {
                break;
            }
            if (from + window > head) {
                head = head();
                if (from + window > head) {
                    break;
                }
            }
            from += window;
            window = Math.min(window * 2, MAX_TRACKING_WINDOW);
        }
        found.sort(Comparator.comparingLong(d -> d.getLong("_id")));
        return found;
    }

    /**
     * Drops gaps that will never be filled, as the JDBC engine does: once there are more than
     * the cleaning threshold, a gap directly followed by an event older than the gap timeout is
     * given up (its writer died or gave up long ago).
     */
    private GapAwareTrackingToken cleanedToken(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().size() <= gapCleaningThreshold) {
            return token;
        }
        SortedSet<Long> gaps = token.getGaps();
        List<Long> ids = new ArrayList<>();
        for (long i = gaps.first(); i <= Math.min(token.getIndex(), gaps.last() + 1); i++) {
            ids.add(i);
        }
        List<Document> visible = guard(() -> commits.find(in("_id", ids)).projection(include("first", "w"))
                .into(new ArrayList<>()));
        visible.sort(Comparator.comparingLong(d -> d.getLong("first")));
        long timeoutFrame = clock.millis() - gapTimeout;
        GapAwareTrackingToken cleaned = token;
        for (Document commit : visible) {
            long first = commit.getLong("first");
            if (first < gaps.first()) {
                continue;
            }
            if (commit.getDate("w").getTime() > timeoutFrame) {
                break;
            }
            if (gaps.contains(first - 1)) {
                cleaned = cleaned.withGapsTruncatedAt(first);
            }
        }
        return cleaned;
    }

    private long head() {
        Document counter = guard(() -> counters.find(eq("_id", GLOBAL_INDEX_COUNTER)).first());
        return counter == null ? 0 : ((Number) counter.get("value")).longValue();
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    /**
     * The head: the highest visible index, with the commits still in flight just below it kept
     * as gaps, so a processor started at the head still receives a slow commit it raced with.
     */
    @Override
    public TrackingToken createHeadToken() {
        long head = head();
        if (head == 0) {
            return null;
        }
        long from = Math.max(1, head - HEAD_GAP_WINDOW + 1);
        List<Long> ids = new ArrayList<>();
        for (long i = from; i <= head; i++) {
            ids.add(i);
        }
        List<Document> found = guard(() -> commits.find(in("_id", ids)).projection(include("first"))
                .into(new ArrayList<>()));
        Set<Long> covered = new HashSet<>();
        long highest = from - 1;
        for (Document commit : found) {
            for (long i = commit.getLong("first"); i <= commit.getLong("_id"); i++) {
                covered.add(i);
            }
            highest = Math.max(highest, commit.getLong("_id"));
        }
        List<Long> gaps = new ArrayList<>();
        for (long i = from; i < highest; i++) {
            if (!covered.contains(i)) {
                gaps.add(i);
            }
        }
        return highest == 0 ? null : GapAwareTrackingToken.newInstance(highest, gaps);
    }

    /**
     * A token just before the first commit written at or after {@code dateTime}, found by a
     * binary search over the global index with key look-ups only (no time index to maintain).
     * Commit times are the writers' clocks, so writers skewed by more than a commit apart may
     * shift the boundary by those commits.
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        long head = head();
        long lo = 1;
        long hi = head + 1;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            Document commit = firstCommitAtOrAfter(mid, hi);
            if (commit == null) {
                hi = mid;
            } else if (!commit.getDate("t").toInstant().isBefore(dateTime)) {
                hi = commit.getLong("first");
            } else {
                lo = commit.getLong("_id") + 1;
            }
        }
        if (lo > head) {
            return createHeadToken();
        }
        return lo <= 1 ? null : GapAwareTrackingToken.newInstance(lo - 1, Set.of());
    }

    private Document firstCommitAtOrAfter(long position, long limit) {
        int window = 64;
        for (long from = position; from < limit; from += window) {
            List<Long> ids = new ArrayList<>(window);
            for (long i = from; i < from + window; i++) {
                ids.add(i);
            }
            Optional<Document> first = guard(() -> commits.find(in("_id", ids)).projection(include("first", "t"))
                    .into(new ArrayList<>())).stream().min(Comparator.comparingLong(d -> d.getLong("_id")));
            if (first.isPresent()) {
                return first.get();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ per person

    /**
     * The global indexes of the events that name {@code personId}, ascending, each once: every
     * event of a commit acknowledged before the call, indexed or not yet.
     */
    public List<Long> personEventIndexes(String personId) {
        return personIndex.entries(personId, false, !readOnly).stream().map(PersonIndex.Entry::globalIndex).toList();
    }

    /** The events that name {@code personId}, in global order, upcast and deserialized. */
    public List<? extends TrackedEventMessage<?>> readPersonEvents(String personId) {
        List<TrackedEventData<?>> data = personIndex.entries(personId, true, !readOnly).stream()
                .<TrackedEventData<?>>map(e -> new TrackedDomainEventData<>(
                        GapAwareTrackingToken.newInstance(e.globalIndex(), Set.of()),
                        domainEntry(e.commit().getString("type"), e.commit().getString("agg"),
                                e.commit().getList("events", Document.class).get(e.offset()))))
                .toList();
        return org.axonframework.eventhandling.EventUtils
                .upcastAndDeserializeTrackedEvents(data.stream(), getEventSerializer(), upcasterChain)
                .toList();
    }

    /**
     * Indexes every commit not yet in the per-person index, in the calling thread. Reads never
     * need it (they read what is not indexed yet by key); a test or a shutdown may.
     */
    public void indexPersons() {
        personIndex.catchUp();
    }

    /** How many times this engine took indexes from the counter. */
    long counterRoundTrips() {
        return leases.counterRoundTrips();
    }

    /** Stops this engine's background person indexer. */
    public void shutDown() {
        personIndex.stop();
    }

    // ------------------------------------------------------------------ helpers

    private static GenericDomainEventEntry<String> domainEntry(String type, String aggregateIdentifier, Document event) {
        return new GenericDomainEventEntry<>(type, aggregateIdentifier, event.getLong("seq"),
                event.getString("id"), event.getString("ts"), event.getString("pt"), event.getString("pr"),
                event.getString("p"), event.getString("m"));
    }

    private <T> T guard(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (MongoException e) {
            throw translate(e, "reading events");
        }
    }

    private static RuntimeException translate(MongoException e, String doing) {
        if (e instanceof MongoTimeoutException || e instanceof MongoSocketException) {
            return new StoreUnavailableException("Event store unreachable while " + doing + ": " + e.getMessage(), e);
        }
        return new EventStoreException("Event store failed while " + doing + ": " + e.getMessage(), e);
    }

    static boolean isDuplicateKey(Exception e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream()
                    .anyMatch(err -> ErrorCategory.fromErrorCode(err.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }
        return false;
    }

    /** Builds the engine; {@link #database(MongoDatabase)} is required. */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private WriteConcern writeConcern = WriteConcern.MAJORITY;
        private String personIdsMetadataKey = "personIds";
        private boolean readOnly;
        private int gapTimeout = 60_000;
        private int gapCleaningThreshold = 250;
        private int maxGapOffset = 10_000;
        private Clock clock = Clock.systemUTC();
        private Duration indexLeaseLifetime = Duration.ofMillis(500);
        private int maxIndexLease = 128;
        private Duration personIndexInterval = Duration.ofMillis(50);
        private LongSupplier nanoClock = System::nanoTime;
        private boolean backgroundPersonIndexing = true;

        Builder() {
            super.persistenceExceptionResolver(IndexedMongoEventStorageEngine::isDuplicateKey);
            super.eventSerializer(EventStoreSerializers.jackson());
            super.snapshotSerializer(EventStoreSerializers.snapshots());
        }

        public Builder database(MongoDatabase database) {
            assertNonNull(database, "database may not be null");
            this.database = database;
            return this;
        }

        /** Majority by default; {@code W1} is acceptable on the single-node embedded store. */
        public Builder writeConcern(WriteConcern writeConcern) {
            assertNonNull(writeConcern, "writeConcern may not be null");
            this.writeConcern = writeConcern;
            return this;
        }

        public Builder personIdsMetadataKey(String key) {
            assertNonNull(key, "personIdsMetadataKey may not be null");
            this.personIdsMetadataKey = key;
            return this;
        }

        /** For a consumer of another service's store: no index creation, appends are refused. */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        public Builder gapTimeout(int millis) {
            assertPositive(millis, "gapTimeout must be positive");
            this.gapTimeout = millis;
            return this;
        }

        public Builder gapCleaningThreshold(int threshold) {
            assertPositive(threshold, "gapCleaningThreshold must be positive");
            this.gapCleaningThreshold = threshold;
            return this;
        }

        public Builder maxGapOffset(int maxGapOffset) {
            assertPositive(maxGapOffset, "maxGapOffset must be positive");
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        public Builder clock(Clock clock) {
            assertNonNull(clock, "clock may not be null");
            this.clock = clock;
            return this;
        }

        /**
         * How long a leased block of global indexes may be used (default 0.5 s). Kept at most a
         * quarter of the gap timeout; zero turns leasing off (one counter round trip per commit).
         */
        public Builder indexLeaseLifetime(Duration lifetime) {
            assertNonNull(lifetime, "indexLeaseLifetime may not be null");
            assertThat(lifetime, l -> !l.isNegative(), "indexLeaseLifetime may not be negative");
            this.indexLeaseLifetime = lifetime;
            return this;
        }

        /** The largest block of global indexes one lease takes (default 128); 1 turns leasing off. */
        public Builder maxIndexLease(int maxIndexLease) {
            assertPositive(maxIndexLease, "maxIndexLease must be positive");
            this.maxIndexLease = maxIndexLease;
            return this;
        }

        /** The pause between the background person indexer's rounds (default 50 ms): its batching. */
        public Builder personIndexInterval(Duration interval) {
            assertNonNull(interval, "personIndexInterval may not be null");
            assertThat(interval, i -> !i.isNegative(), "personIndexInterval may not be negative");
            this.personIndexInterval = interval;
            return this;
        }

        /** Whether appends start the background person indexer; a test seam (reads stay complete without it). */
        Builder backgroundPersonIndexing(boolean on) {
            this.backgroundPersonIndexing = on;
            return this;
        }

        /** The monotonic clock that times index leases; a test seam. */
        Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = nanoClock;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotFilter(org.axonframework.eventsourcing.snapshotting.SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            assertThat(database, d -> d != null, "The database is a hard requirement and should be provided");
        }

        public IndexedMongoEventStorageEngine build() {
            validate();
            return new IndexedMongoEventStorageEngine(this);
        }
    }
}
