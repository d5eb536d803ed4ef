package org.lianfang.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lianfang.eventstore.TestEvents.event;
import static org.lianfang.eventstore.TestEvents.personEvent;

/**
 * The storage-engine contract, in the spirit of Axon's own engine tests, run once per backend of
 * the embedded store (subclasses pick memory or H2).
 */
abstract class EngineContractTest {

    @TempDir
    Path dir;
    TestStore store;
    MongoDatabase db;
    IndexedMongoEventStorageEngine engine;

    abstract TestStore.Kind kind();

    @BeforeEach
    void start() {
        store = TestStore.start(kind(), dir);
        db = store.database("contract");
        engine = engine().build();
    }

    IndexedMongoEventStorageEngine.Builder engine() {
        return IndexedMongoEventStorageEngine.builder().database(db).batchSize(50);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private static List<Long> sequences(DomainEventStream stream) {
        return stream.asStream().map(DomainEventMessage::getSequenceNumber).toList();
    }

    private List<TrackedEventMessage<?>> track(TrackingToken from) {
        return engine.readEvents(from, false).collect(Collectors.toList());
    }

    @Test
    void readsAnAggregateBackInOrderAcrossCommits() {
        engine.appendEvents(event("a", 0), event("a", 1));
        engine.appendEvents(event("b", 0));
        engine.appendEvents(event("a", 2));
        for (int i = 3; i < 130; i++) {
            engine.appendEvents(event("a", i));
        }
        assertThat(sequences(engine.readEvents("a"))).hasSize(130).isSorted().startsWith(0L, 1L, 2L);
        assertThat(sequences(engine.readEvents("b"))).containsExactly(0L);
        assertThat(engine.readEvents("a").asStream().map(e -> ((TestEvents.Happened) e.getPayload()).n()))
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 130).boxed().toList());
        assertThat(engine.lastSequenceNumberFor("a")).contains(129L);
        assertThat(engine.lastSequenceNumberFor("missing")).isEmpty();
        assertThat(sequences(engine.readEvents("missing"))).isEmpty();
    }

    @Test
    void readsFromASequenceNumberEvenInsideACommit() {
        engine.appendEvents(event("a", 0), event("a", 1), event("a", 2));
        engine.appendEvents(event("a", 3));
        assertThat(sequences(engine.readEvents("a", 3))).containsExactly(3L);
        assertThat(sequences(engine.readEvents("a", 1))).containsExactly(1L, 2L, 3L);
        assertThat(sequences(engine.readEvents("a", 4))).isEmpty();
        engine.appendEvents(event("a", 4), event("a", 5), event("a", 6));
        assertThat(sequences(engine.readEvents("a", 5))).containsExactly(5L, 6L);
        assertThat(sequences(engine.readEvents("a", 7))).isEmpty();
    }

    /** A client of the same store that shows every {@code find} command it sends to {@code onFind}. */
    private com.mongodb.client.MongoClient watchingFinds(java.util.function.Consumer<org.bson.BsonDocument> onFind) {
        return com.mongodb.client.MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString(store.uri()))
                .addCommandListener(new com.mongodb.event.CommandListener() {
                    @Override
                    public void commandStarted(com.mongodb.event.CommandStartedEvent event) {
                        if (event.getCommandName().equals("find")) {
                            onFind.accept(event.getCommand());
                        }
                    }
                }).build());
    }

    @Test
    void readingOnFromTheLastCommitItSawTakesOneRoundTripAndSeesAnotherInstancesCommits() {
        java.util.concurrent.atomic.AtomicInteger finds = new java.util.concurrent.atomic.AtomicInteger();
        try (com.mongodb.client.MongoClient counting = watchingFinds(find -> finds.incrementAndGet())) {
            IndexedMongoEventStorageEngine reader = IndexedMongoEventStorageEngine.builder()
                    .database(counting.getDatabase("contract")).batchSize(50).build();
            engine.appendEvents(event("gate", 0), event("gate", 1));
            assertThat(sequences(reader.readEvents("gate", 0))).containsExactly(0L, 1L);

            finds.set(0);
            assertThat(sequences(reader.readEvents("gate", 2))).isEmpty();
            assertThat(finds).as("round trips to learn that nothing follows a commit it read").hasValue(1);

            engine.appendEvents(event("gate", 2), event("gate", 3));
            assertThat(sequences(reader.readEvents("gate", 2))).containsExactly(2L, 3L);
            assertThat(sequences(reader.readEvents("gate", 3))).containsExactly(3L);
            assertThat(sequences(reader.readEvents("gate", 4))).isEmpty();
            finds.set(0);
            assertThat(sequences(reader.readEvents("gate", 1))).containsExactly(1L, 2L, 3L);
            assertThat(finds).as("round trips to read from inside a commit").hasValue(1);
        }
    }

    @Test
    void aLoadOfAnAggregateTheEngineSawEndAsksForItsSequencesAndAFewMoreAndStillSeesWhatOthersAdded() {
        List<Integer> keysAsked = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (com.mongodb.client.MongoClient counting = watchingFinds(find -> {
            if (find.getDocument("filter").containsKey("a")) {
                keysAsked.add(find.getDocument("filter").getDocument("a").getArray("$in").size());
            }
        })) {
            IndexedMongoEventStorageEngine writer = IndexedMongoEventStorageEngine.builder()
                    .database(counting.getDatabase("contract")).batchSize(50).build();
            List<DomainEventMessage<?>> ten = new java.util.ArrayList<>();
            for (int seq = 0; seq < 10; seq++) {
                ten.add(event("case", seq));
            }
            writer.appendEvents(ten);
            assertThat(sequences(writer.readEvents("case"))).hasSize(10);
            assertThat(keysAsked).as("sequences 0..9 and 8 more").containsExactly(18);

            // Another instance adds to the aggregate: the 8 more find it in the same round trip.
            engine.appendEvents(event("case", 10));
            engine.appendEvents(event("case", 11), event("case", 12));
            keysAsked.clear();
            assertThat(sequences(writer.readEvents("case"))).hasSize(13);
            assertThat(keysAsked).containsExactly(18);

            // It adds more than that: the read goes on with a growing window.
            List<DomainEventMessage<?>> more = new java.util.ArrayList<>();
            for (int seq = 13; seq < 30; seq++) {
                more.add(event("case", seq));
            }
            engine.appendEvents(more);
            keysAsked.clear();
            assertThat(sequences(writer.readEvents("case"))).hasSize(30);
            assertThat(keysAsked).containsExactly(21, 42);

            // An aggregate it never saw: the usual first window.
            engine.appendEvents(event("unseen", 0));
            keysAsked.clear();
            assertThat(sequences(writer.readEvents("unseen"))).containsExactly(0L);
            assertThat(keysAsked).containsExactly(64);
        }
    }

    @Test
    void aSecondWriterOfTheSameSequenceGetsAConcurrencyExceptionAndOverwritesNothing() {
        engine.appendEvents(event("a", 0), event("a", 1));
        IndexedMongoEventStorageEngine other = engine().build();
        other.appendEvents(event("a", 2));
        assertThatThrownBy(() -> other.appendEvents(event("a", 2)))
                .isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> engine.appendEvents(event("a", 0)))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThatThrownBy(() -> engine.appendEvents(event("a", 2), event("a", 3)))
                .as("a stale writer's longer commit over a one-event commit").isInstanceOf(ConcurrencyException.class);
        other.appendEvents(event("a", 3), event("a", 4));
        assertThatThrownBy(() -> engine.appendEvents(event("a", 3)))
                .as("a stale writer's one-event commit over a longer commit").isInstanceOf(ConcurrencyException.class);
        other.appendEvents(event("a", 5), event("a", 6), event("a", 7));
        assertThatThrownBy(() -> engine.appendEvents(event("a", 6)))
                .as("a one-event commit inside a longer commit").isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> engine.appendEvents(event("a", 7), event("a", 8)))
                .as("a commit overlapping a longer commit's end").isInstanceOf(ConcurrencyException.class);
        assertThat(sequences(engine.readEvents("a"))).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(track(null)).hasSize(8);
    }

    @Test
    void aCommitThatRepeatsOrSkipsASequenceOfItsAggregateIsRefusedAndStoresNothing() {
        // Two instances of one new aggregate created in one unit of work: both at sequence 0.
        assertThatThrownBy(() -> engine.appendEvents(event("twice", 0), event("twice", 0)))
                .isInstanceOf(AggregateStreamCreationException.class);
        engine.appendEvents(event("b", 0), event("b", 1));
        assertThatThrownBy(() -> engine.appendEvents(event("b", 2), event("b", 3), event("b", 3)))
                .isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> engine.appendEvents(event("b", 2), event("b", 4)))
                .isInstanceOf(EventStoreException.class).hasMessageContaining("follow each other");
        // another aggregate's events in the same unit of work are refused with it: nothing is half-stored
        assertThatThrownBy(() -> engine.appendEvents(event("c", 0), event("b", 2), event("b", 2)))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(engine.readEvents("twice").asStream()).isEmpty();
        assertThat(engine.readEvents("c").asStream()).isEmpty();
        assertThat(sequences(engine.readEvents("b"))).containsExactly(0L, 1L);
        engine.appendEvents(event("b", 2), event("b", 3));
        // the refused commits took no global index: no gaps
        assertThat(track(null)).extracting(TestStoreAssertions::index).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aStoreWithTheEarlierNonSparseLastSequenceIndexIsMigratedAndKeepsItsCommits() {
        assertThat(db.getCollection(IndexedMongoEventStorageEngine.COMMITS).listIndexes().map(i -> i.getString("name"))
                .into(new java.util.ArrayList<>())).as("a store of this build")
                .contains("aggregate_first_sequence").doesNotContain(IndexedMongoEventStorageEngine.LAST_SEQUENCE_INDEX);
        db.getCollection(IndexedMongoEventStorageEngine.COMMITS).createIndex(com.mongodb.client.model.Indexes.ascending("z"),
                new com.mongodb.client.model.IndexOptions().unique(true).name(IndexedMongoEventStorageEngine.LAST_SEQUENCE_INDEX));
        // Commits as earlier builds wrote them: "a" names the first sequence, "z" the last.
        db.getCollection(IndexedMongoEventStorageEngine.COMMITS).insertMany(List.of(
                earlierBuildsCommit(500L, "old", 0, 0), earlierBuildsCommit(503L, "oldmulti", 0, 2)));

        IndexedMongoEventStorageEngine upgraded = engine().build();
        upgraded.appendEvents(event("x", 0));
        upgraded.appendEvents(event("y", 0));
        upgraded.appendEvents(event("x", 1), event("x", 2));
        upgraded.appendEvents(event("old", 1));
        assertThatThrownBy(() -> upgraded.appendEvents(event("oldmulti", 0)))
                .isInstanceOf(AggregateStreamCreationException.class);
        upgraded.appendEvents(event("oldmulti", 3));
        assertThat(sequences(upgraded.readEvents("oldmulti", 1))).containsExactly(1L, 2L, 3L);
        assertThat(sequences(engine().build().readEvents("oldmulti", 2))).containsExactly(2L, 3L);

        Document index = db.getCollection(IndexedMongoEventStorageEngine.COMMITS).listIndexes().into(new java.util.ArrayList<>())
                .stream().filter(i -> IndexedMongoEventStorageEngine.LAST_SEQUENCE_INDEX.equals(i.getString("name")))
                .findFirst().orElseThrow();
        assertThat(index.get("sparse")).isEqualTo(true);
        assertThat(index.get("unique")).isEqualTo(true);
        assertThat(db.getCollection(IndexedMongoEventStorageEngine.COMMITS).find(new Document("agg", "y")).first())
                .as("a one-event commit").containsEntry("a", "y/0").doesNotContainKey("z");
        assertThat(db.getCollection(IndexedMongoEventStorageEngine.COMMITS).find(new Document("s", 1L).append("agg", "x"))
                .first()).as("a commit of two events").containsEntry("a", List.of("x/1", "x/2")).doesNotContainKey("z");
        assertThat(sequences(upgraded.readEvents("x", 2))).containsExactly(2L);
        assertThat(sequences(upgraded.readEvents("old"))).containsExactly(0L, 1L);
        assertThatThrownBy(() -> upgraded.appendEvents(event("x", 2))).isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> upgraded.appendEvents(event("x", 1)))
                .as("inside a commit of several events").isInstanceOf(ConcurrencyException.class);
        assertThat(engine().build().readEvents("x").asStream().map(DomainEventMessage::getSequenceNumber))
                .as("a second start keeps the sparse index").containsExactly(0L, 1L, 2L);
    }

    private static Document earlierBuildsCommit(long lastIndex, String aggregate, long first, long last) {
        List<Document> events = new java.util.ArrayList<>();
        for (long seq = first; seq <= last; seq++) {
            events.add(new Document("id", aggregate + "-" + seq).append("seq", seq).append("ts", Instant.now().toString())
                    .append("pt", TestEvents.Happened.class.getName()).append("pr", null)
                    .append("p", "{\"aggregateId\":\"" + aggregate + "\",\"n\":" + seq + "}").append("m", "{}"));
        }
        long firstIndex = lastIndex - (last - first);
        return new Document("_id", lastIndex).append("first", firstIndex)
                .append("a", aggregate + "/" + first).append("z", aggregate + "/" + last).append("agg", aggregate)
                .append("type", "Thing").append("s", first).append("e", last)
                .append("t", new java.util.Date()).append("w", new java.util.Date()).append("events", events);
    }

    @Test
    void snapshotsShortenTheLoadAndAnOlderSnapshotNeverReplacesANewerOne() {
        for (int i = 0; i < 10; i++) {
            engine.appendEvents(event("a", i));
        }
        engine.storeSnapshot(new GenericDomainEventMessage<>("Thing", "a", 7, new TestEvents.Snapshot("a", 8)));
        engine.storeSnapshot(new GenericDomainEventMessage<>("Thing", "a", 3, new TestEvents.Snapshot("a", 4)));
        assertThat(engine.readSnapshot("a")).hasValueSatisfying(s -> {
            assertThat(s.getSequenceNumber()).isEqualTo(7);
            assertThat(s.getPayload()).isEqualTo(new TestEvents.Snapshot("a", 8));
        });
        assertThat(sequences(engine.readEvents("a", 8))).containsExactly(8L, 9L);
        engine.storeSnapshot(new GenericDomainEventMessage<>("Thing", "a", 9, new TestEvents.Snapshot("a", 10)));
        assertThat(engine.readSnapshot("a")).hasValueSatisfying(s -> assertThat(s.getSequenceNumber()).isEqualTo(9));
        assertThat(engine.readSnapshot("b")).isEmpty();
    }

    @Test
    void upcastersRewriteOldEventsOnTheWayOut() {
        engine.appendEvents(event("a", 0));
        SingleEventUpcaster renameN = new SingleEventUpcaster() {
            @Override
            protected boolean canUpcast(IntermediateEventRepresentation r) {
                return r.getType().getName().equals(TestEvents.Happened.class.getName()) && r.getType().getRevision() == null;
            }

            @Override
            protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation r) {
                return r.upcastPayload(new SimpleSerializedType(TestEvents.Happened.class.getName(), "2"),
                        com.fasterxml.jackson.databind.JsonNode.class,
                        node -> ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("n", 42));
            }
        };
        IndexedMongoEventStorageEngine upcasting = engine().upcasterChain(renameN).build();
        assertThat(upcasting.readEvents("a").asStream().map(e -> ((TestEvents.Happened) e.getPayload()).n()))
                .containsExactly(42);
        assertThat(upcasting.readEvents(null, false).map(e -> ((TestEvents.Happened) e.getPayload()).n()))
                .containsExactly(42);
    }

    @Test
    void tracksFromTailHeadAndTime() throws Exception {
        engine.appendEvents(event("a", 0));
        engine.appendEvents(event("a", 1), event("a", 2));
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        engine.appendEvents(event("b", 0));
        engine.appendEvents(event("b", 1));

        assertThat(engine.createTailToken()).isNull();
        List<TrackedEventMessage<?>> all = track(engine.createTailToken());
        assertThat(all).hasSize(5);
        assertThat(all.stream().map(TestStoreAssertions::index)).containsExactly(1L, 2L, 3L, 4L, 5L);

        TrackingToken head = engine.createHeadToken();
        assertThat(track(head)).isEmpty();
        engine.appendEvents(event("c", 0));
        assertThat(track(head)).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier()).containsExactly("c");

        TrackingToken at = engine.createTokenAt(between);
        assertThat(track(at)).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                .containsExactly("b", "b", "c");
        assertThat(track(engine.createTokenAt(Instant.EPOCH))).hasSize(6);
        assertThat(track(engine.createTokenAt(Instant.now().plusSeconds(60)))).isEmpty();
    }

    @Test
    void resumingFromTheMiddleOfACommitDeliversOnlyTheRest() {
        engine.appendEvents(event("a", 0), event("a", 1), event("a", 2));
        List<TrackedEventMessage<?>> all = track(null);
        assertThat(track(all.get(0).trackingToken())).extracting(TestStoreAssertions::index).containsExactly(2L, 3L);
    }

    @Test
    void aSlowCommitThatBecomesVisibleAfterLaterOnesIsDeliveredOnce() throws Exception {
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        IndexedMongoEventStorageEngine slow = engine().build();
        slow.afterIndexAllocation = () -> {
            allocated.countDown();
            await(release);
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> slowWrite = pool.submit(() -> slow.appendEvents(event("slow", 0), event("slow", 1)));
            assertThat(allocated.await(10, TimeUnit.SECONDS)).isTrue();
            engine.appendEvents(event("fast", 0));

            List<TrackedEventMessage<?>> first = track(null);
            assertThat(first).extracting(TestStoreAssertions::index).containsExactly(3L);
            GapAwareTrackingToken token = (GapAwareTrackingToken) first.get(0).trackingToken();
            assertThat(token.getGaps()).containsExactly(1L, 2L);

            release.countDown();
            slowWrite.get(10, TimeUnit.SECONDS);
            List<TrackedEventMessage<?>> second = track(token);
            assertThat(second).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier()
                    + "#" + ((DomainEventMessage<?>) e).getSequenceNumber()).containsExactly("slow#0", "slow#1");
            GapAwareTrackingToken after = (GapAwareTrackingToken) second.get(1).trackingToken();
            assertThat(after.getGaps()).isEmpty();
            assertThat(track(after)).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWindowedReadReturnsTheEventsOfItsWindowOnlyAndPassesEmptyWindows() {
        IndexedMongoEventStorageEngine plain = engine().maxIndexLease(1).build();
        for (int i = 0; i < 10; i++) {
            plain.appendEvents(event("w" + i, 0));
        }
        plain.appendEvents(event("many", 0), event("many", 1), event("many", 2));
        assertThat(plain.readEventsAfter(GapAwareTrackingToken.newInstance(3, java.util.Set.of()), 2))
                .extracting(TestStoreAssertions::index).containsExactly(4L, 5L);
        assertThat(plain.readEventsAfter(null, 1)).extracting(TestStoreAssertions::index).containsExactly(1L);
        // a window inside a commit of several events brings the whole commit
        assertThat(plain.readEventsAfter(GapAwareTrackingToken.newInstance(10, java.util.Set.of()), 1))
                .extracting(TestStoreAssertions::index).containsExactly(11L, 12L, 13L);
        assertThat(plain.readEventsAfter(GapAwareTrackingToken.newInstance(13, java.util.Set.of()), 5)).isEmpty();
        // abandoned indexes: the read goes on to the next window that holds something
        IndexedMongoEventStorageEngine dying = engine().build();
        dying.afterIndexAllocation = () -> {
            throw new WriterDied();
        };
        assertThatThrownBy(() -> dying.appendEvents(event("x", 0), event("x", 1), event("x", 2), event("x", 3)))
                .isInstanceOf(WriterDied.class);
        plain.appendEvents(event("after-gap", 0));
        assertThat(plain.readEventsAfter(GapAwareTrackingToken.newInstance(13, java.util.Set.of()), 2))
                .extracting(TestStoreAssertions::index).containsExactly(18L);
    }

    @Test
    void eventsAtScatteredIndexesComeFromOneReadAndInsideLongerCommitsToo() {
        IndexedMongoEventStorageEngine plain = engine().maxIndexLease(1).build();
        for (int i = 0; i < 6; i++) {
            plain.appendEvents(event("s" + i, 0));                        // 1..6
        }
        plain.appendEvents(event("long", 0), event("long", 1), event("long", 2), event("long", 3)); // 7..10
        plain.appendEvents(event("last", 0));                              // 11
        Map<Long, TrackedEventMessage<?>> at = plain.readEventsAt(List.of(2L, 5L, 8L, 11L, 40L));
        assertThat(at).containsOnlyKeys(2L, 5L, 8L, 11L);
        assertThat(((DomainEventMessage<?>) at.get(8L)).getAggregateIdentifier()).isEqualTo("long");
        assertThat(((DomainEventMessage<?>) at.get(8L)).getSequenceNumber()).isEqualTo(1L);
        assertThat(((DomainEventMessage<?>) at.get(5L)).getAggregateIdentifier()).isEqualTo("s4");
        assertThat(TestStoreAssertions.index(at.get(11L))).isEqualTo(11L);
        assertThat(plain.readEventsAt(List.of())).isEmpty();
    }

    /** A clock the settled-read tests move by hand. */
    static final class HandClock extends java.time.Clock {
        private final java.util.concurrent.atomic.AtomicLong millis = new java.util.concurrent.atomic.AtomicLong(1_700_000_000_000L);

        void advance(java.time.Duration by) {
            millis.addAndGet(by.toMillis());
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    private static List<String> ids(java.util.stream.Stream<? extends TrackedEventMessage<?>> events) {
        return events.map(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier() + "#"
                + ((DomainEventMessage<?>) e).getSequenceNumber()).toList();
    }

    @Test
    void aSettledReadHoldsBackAtAYoungGapSoEveryReaderSeesIndexOrder() throws Exception {
        HandClock clock = new HandClock();
        java.time.Duration settle = java.time.Duration.ofSeconds(2);
        IndexedMongoEventStorageEngine reader = engine().clock(clock).maxIndexLease(1).build();
        IndexedMongoEventStorageEngine slow = engine().clock(clock).build();
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        slow.afterIndexAllocation = () -> {
            allocated.countDown();
            await(release);
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> slowWrite = pool.submit(() -> slow.appendEvents(event("slow", 0), event("slow", 1)));
            assertThat(allocated.await(10, TimeUnit.SECONDS)).isTrue();
            reader.appendEvents(event("fast", 0));
            reader.appendEvents(event("fast", 1));

            // the plain tracking read delivers what is there; the settled read waits at the gap
            assertThat(track(null)).extracting(TestStoreAssertions::index).containsExactly(3L, 4L);
            assertThat(ids(reader.readSettledEvents(null, settle))).isEmpty();

            release.countDown();
            slowWrite.get(10, TimeUnit.SECONDS);
            List<TrackedEventMessage<?>> all = reader.readSettledEvents(null, settle).toList();
            assertThat(ids(all.stream())).containsExactly("slow#0", "slow#1", "fast#0", "fast#1");
            assertThat(reader.readSettledEvents(all.get(3).trackingToken(), settle).toList()).isEmpty();
            assertThat(ids(reader.readSettledEvents(all.get(1).trackingToken(), settle))).containsExactly("fast#0", "fast#1");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSettledReadPassesAnAbandonedGapOnceTheCommitAfterItHasSettled() {
        HandClock clock = new HandClock();
        java.time.Duration settle = java.time.Duration.ofSeconds(2);
        IndexedMongoEventStorageEngine reader = engine().clock(clock).maxIndexLease(1).build();
        IndexedMongoEventStorageEngine dying = engine().clock(clock).build();
        dying.afterIndexAllocation = () -> {
            throw new WriterDied();
        };
        reader.appendEvents(event("a", 0));
        assertThatThrownBy(() -> dying.appendEvents(event("x", 0), event("x", 1))).isInstanceOf(WriterDied.class);
        reader.appendEvents(event("a", 1));
        reader.appendEvents(event("a", 2));

        List<TrackedEventMessage<?>> young = reader.readSettledEvents(null, settle).toList();
        assertThat(ids(young.stream())).as("up to the young gap").containsExactly("a#0");
        clock.advance(java.time.Duration.ofMillis(1500));
        assertThat(reader.readSettledEvents(young.get(0).trackingToken(), settle).toList()).isEmpty();
        clock.advance(java.time.Duration.ofMillis(600));
        List<TrackedEventMessage<?>> rest = reader.readSettledEvents(young.get(0).trackingToken(), settle).toList();
        assertThat(ids(rest.stream())).containsExactly("a#1", "a#2");
        assertThat(((GapAwareTrackingToken) rest.get(0).trackingToken()).getGaps()).hasSize(2);
        // with no gap before them, new commits are delivered at once, however young
        reader.appendEvents(event("a", 3));
        assertThat(ids(reader.readSettledEvents(rest.get(1).trackingToken(), settle))).containsExactly("a#3");
    }

    @Test
    void aWriterStoppedBetweenTheStepsLeavesNothingVisibleAndTrackingGoesOn() {
        IndexedMongoEventStorageEngine dying = engine().build();
        dying.afterIndexAllocation = () -> {
            throw new WriterDied();
        };
        assertThatThrownBy(() -> dying.appendEvents(
                personEvent("a", 0, "p1"), personEvent("a", 1, "p1"), personEvent("a", 2, "p1")))
                .isInstanceOf(WriterDied.class);
        assertThat(sequences(engine.readEvents("a"))).isEmpty();
        assertThat(engine.personEventIndexes("p1")).isEmpty();

        engine.appendEvents(personEvent("a", 0, "p1"));
        List<TrackedEventMessage<?>> seen = track(null);
        assertThat(seen).extracting(TestStoreAssertions::index).containsExactly(4L);
        assertThat(((GapAwareTrackingToken) seen.get(0).trackingToken()).getGaps()).containsExactly(1L, 2L, 3L);
        assertThat(engine.personEventIndexes("p1")).containsExactly(4L);
    }

    @Test
    void gapsOlderThanTheTimeoutAreGivenUpOnceThereAreMoreThanTheThreshold() {
        IndexedMongoEventStorageEngine strict = engine().gapCleaningThreshold(2).gapTimeout(1).build();
        IndexedMongoEventStorageEngine dying = engine().build();
        dying.afterIndexAllocation = () -> {
            throw new WriterDied();
        };
        assertThatThrownBy(() -> dying.appendEvents(event("x", 0), event("x", 1), event("x", 2)))
                .isInstanceOf(WriterDied.class);
        strict.appendEvents(event("a", 0));
        List<? extends TrackedEventMessage<?>> seen = strict.readEvents(null, false).toList();
        assertThat(((GapAwareTrackingToken) seen.get(0).trackingToken()).getGaps()).hasSize(3);
        sleep(5);
        strict.appendEvents(event("a", 1));
        List<? extends TrackedEventMessage<?>> next = strict.readEvents(seen.get(0).trackingToken(), false).toList();
        assertThat(next).extracting(TestStoreAssertions::index).containsExactly(5L);
        assertThat(((GapAwareTrackingToken) next.get(0).trackingToken()).getGaps()).isEmpty();
    }

    @Test
    void headTokenKeepsCommitsStillInFlightAsGaps() throws Exception {
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        IndexedMongoEventStorageEngine slow = engine().build();
        slow.afterIndexAllocation = () -> {
            allocated.countDown();
            await(release);
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> slowWrite = pool.submit(() -> slow.appendEvents(event("slow", 0)));
            assertThat(allocated.await(10, TimeUnit.SECONDS)).isTrue();
            engine.appendEvents(event("fast", 0));
            TrackingToken head = engine.createHeadToken();
            release.countDown();
            slowWrite.get(10, TimeUnit.SECONDS);
            assertThat(track(head)).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                    .containsExactly("slow");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPayloadThatCannotBeSerializedFailsBeforeTakingAGlobalIndex() {
        assertThatThrownBy(() -> engine.appendEvents(
                new GenericDomainEventMessage<>("Thing", "bad", 0, new Object())))
                .isNotNull();
        engine.appendEvents(event("a", 0));
        List<TrackedEventMessage<?>> seen = track(null);
        assertThat(seen).extracting(TestStoreAssertions::index).containsExactly(1L);
        assertThat(((GapAwareTrackingToken) seen.get(0).trackingToken()).getGaps()).isEmpty();
    }

    @Test
    void nonAggregateEventsAreStoredAndTracked() {
        engine.appendEvents(GenericEventMessage.asEventMessage("hello"), GenericEventMessage.asEventMessage("world"));
        assertThat(track(null)).extracting(e -> (Object) e.getPayload()).containsExactly("hello", "world");
    }

    @Test
    void payloadAndMetadataRoundTripExactly() {
        BigDecimal amount = new BigDecimal("12345678901234567890.123456789012345678");
        long big = Long.MAX_VALUE - 7;
        Instant at = Instant.parse("2020-01-22T08:15:30.123456789Z");
        Map<String, String> labels = Map.of("a.b.c", "dotted", "$x", "dollar");
        engine.appendEvents(new GenericDomainEventMessage<>("Thing", "p", 0,
                new TestEvents.Precise(amount, big, at, labels),
                MetaData.with("temperature", new BigDecimal("37.30")).and("node.key", "v").and("long", big)));

        DomainEventMessage<?> read = engine.readEvents("p").next();
        TestEvents.Precise payload = (TestEvents.Precise) read.getPayload();
        assertThat(payload.amount()).isEqualTo(amount);
        assertThat(payload.amount().scale()).isEqualTo(amount.scale());
        assertThat(payload.big()).isEqualTo(big);
        assertThat(payload.at()).isEqualTo(at);
        assertThat(payload.labels()).isEqualTo(labels);
        assertThat(read.getMetaData().get("temperature")).isEqualTo(new BigDecimal("37.30"));
        assertThat(read.getMetaData().get("node.key")).isEqualTo("v");
        assertThat(((Number) read.getMetaData().get("long")).longValue()).isEqualTo(big);
        assertThat(read.getTimestamp()).isNotNull();

        Document stored = db.getCollection(IndexedMongoEventStorageEngine.COMMITS).find().first();
        String json = stored.getList("events", Document.class).get(0).getString("p");
        assertThat(json).contains("12345678901234567890.123456789012345678")
                .contains("2020-01-22T08:15:30.123456789Z")
                .contains(Long.toString(big));
    }

    /**
     * The engine encodes its commit documents itself (session 19): what an auditor and a reader
     * find is still the documented layout, field by field, with these BSON types.
     */
    @Test
    void aCommitIsStoredInTheDocumentedLayoutWithItsBsonTypes() {
        engine.appendEvents(personEvent("a", 0, "p1"), personEvent("a", 1, "p1", "p2"));
        engine.appendEvents(GenericEventMessage.asEventMessage("hello"));

        List<org.bson.BsonDocument> stored = db.getCollection(IndexedMongoEventStorageEngine.COMMITS, org.bson.BsonDocument.class)
                .find().sort(new Document("_id", 1)).into(new java.util.ArrayList<>());
        assertThat(stored).hasSize(2);
        org.bson.BsonDocument commit = stored.get(0);
        assertThat(commit.keySet()).containsExactly("_id", "first", "a", "agg", "type", "s", "e", "t", "w", "events", "pp");
        long first = commit.getInt64("first").getValue();
        assertThat(commit.getInt64("_id").getValue()).isEqualTo(first + 1);
        assertThat(commit.getArray("a").getValues()).extracting(v -> v.asString().getValue()).containsExactly("a/0", "a/1");
        assertThat(commit.getString("agg").getValue()).isEqualTo("a");
        assertThat(commit.get("type").isString()).isTrue();
        assertThat(commit.getInt64("s").getValue()).isZero();
        assertThat(commit.getInt64("e").getValue()).isEqualTo(1);
        assertThat(commit.get("t").isDateTime()).isTrue();
        assertThat(commit.get("w").isDateTime()).isTrue();
        org.bson.BsonDocument event = commit.getArray("events").get(1).asDocument();
        assertThat(event.keySet()).containsExactly("id", "seq", "ts", "pt", "pr", "p", "m");
        assertThat(event.getInt64("seq").getValue()).isEqualTo(1);
        assertThat(Instant.parse(event.getString("ts").getValue())).isNotNull();
        assertThat(event.get("pr").isNull()).isTrue();
        assertThat(event.getString("p").getValue()).startsWith("{");
        assertThat(event.getString("m").getValue()).contains("p2");
        assertThat(commit.getArray("pp").getValues()).extracting(v -> v.asArray().getValues().stream()
                .map(x -> x.asString().getValue()).toList()).containsExactly(List.of("p1"), List.of("p1", "p2"));

        org.bson.BsonDocument single = stored.get(1);
        assertThat(single.keySet()).containsExactly("_id", "first", "a", "agg", "type", "s", "e", "t", "w", "events");
        assertThat(single.getInt64("_id").getValue()).isEqualTo(single.getInt64("first").getValue());
        assertThat(single.get("a").isString()).isTrue();
        assertThat(single.get("type").isNull()).isTrue();
    }

    @Test
    void findsAPersonsEventsByKeyInGlobalOrder() {
        engine.appendEvents(personEvent("a", 0, "p1"));
        engine.appendEvents(personEvent("b", 0, "p2"));
        engine.appendEvents(personEvent("a", 1, "p1", "p2"), personEvent("a", 2));
        engine.appendEvents(personEvent("c", 0, "p1"));
        Map<String, Long> index = indexesByEvent();
        List<Long> p1 = java.util.stream.Stream.of("a#0", "a#1", "c#0").map(index::get).sorted().toList();
        List<Long> p2 = java.util.stream.Stream.of("b#0", "a#1").map(index::get).sorted().toList();
        assertThat(engine.personEventIndexes("p1")).isEqualTo(p1);
        assertThat(engine.personEventIndexes("p2")).isEqualTo(p2);
        assertThat(engine.personEventIndexes("nobody")).isEmpty();
        assertThat(engine.readPersonEvents("p2")).extracting(e -> ((GapAwareTrackingToken) e.trackingToken()).getIndex())
                .isEqualTo(p2);
        engine.indexPersons();
        assertThat(engine.personEventIndexes("p1")).isEqualTo(p1);
        assertThat(engine.readPersonEvents("p2")).extracting(e -> ((GapAwareTrackingToken) e.trackingToken()).getIndex())
                .isEqualTo(p2);
    }

    @Test
    void aBusyPersonsIndexStaysInBoundedBucketsAcrossWindows() {
        for (int commit = 0; commit < 420; commit++) {
            List<DomainEventMessage<?>> events = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                events.add(personEvent("busy-" + (commit % 7), (commit / 7) * 10L + i, "volunteer"));
            }
            engine.appendEvents(events);
        }
        engine.indexPersons();
        List<Long> tracked = track(null).stream().map(TestStoreAssertions::index).sorted().toList();
        List<Long> indexes = engine.personEventIndexes("volunteer");
        assertThat(indexes).hasSize(4200).isEqualTo(tracked);
        long windows = tracked.stream().map(g -> g >> PersonIndex.WINDOW_BITS).distinct().count();
        Document page = db.getCollection(IndexedMongoEventStorageEngine.PERSONS).find(
                com.mongodb.client.model.Filters.eq("_id", "volunteer~0")).first();
        assertThat(page.getList("w", Number.class)).hasSize((int) windows);
        assertThat(db.getCollection(IndexedMongoEventStorageEngine.PERSONS).countDocuments()).isEqualTo(1 + windows);
    }

    /** The global index of every stored event, by {@code aggregate#sequence}. */
    Map<String, Long> indexesByEvent() {
        return track(null).stream().collect(Collectors.toMap(
                e -> ((DomainEventMessage<?>) e).getAggregateIdentifier() + "#" + ((DomainEventMessage<?>) e).getSequenceNumber(),
                TestStoreAssertions::index));
    }

    @Test
    void aReadOnlyEngineReadsButRefusesToWrite() {
        engine.appendEvents(event("a", 0));
        IndexedMongoEventStorageEngine reader = engine().readOnly(true).build();
        assertThat(reader.readEvents(null, false).count()).isEqualTo(1);
        assertThatThrownBy(() -> reader.appendEvents(event("a", 1))).isInstanceOf(EventStoreException.class);
        assertThat(sequences(engine.readEvents("a"))).containsExactly(0L);
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class WriterDied extends RuntimeException {
    }

    static final class TestStoreAssertions {
        static long index(TrackedEventMessage<?> event) {
            return ((GapAwareTrackingToken) event.trackingToken()).getIndex();
        }
    }
}
