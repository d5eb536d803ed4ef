package org.lianfang.eventstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.lianfang.eventstore.TestEvents.personEvent;

/**
 * The per-person index is written off the commit path; a read still returns every event of a
 * commit acknowledged before it — indexed or not yet, also across an indexer that died half-way
 * and a slow commit the indexer passed as a gap.
 */
class PersonIndexTest {

    @TempDir
    Path dir;
    TestStore store;
    MongoDatabase db;
    MongoCollection<Document> persons;

    /** The embedded store's backend; {@link PersonIndexH2Test} runs the same on H2. */
    TestStore.Kind kind() {
        return TestStore.Kind.MEMORY;
    }

    @BeforeEach
    void start() {
        store = TestStore.start(kind(), dir);
        db = store.database("persons");
        persons = db.getCollection(IndexedMongoEventStorageEngine.PERSONS);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    IndexedMongoEventStorageEngine.Builder builder() {
        return IndexedMongoEventStorageEngine.builder().database(db);
    }

    private Map<String, Long> indexes(IndexedMongoEventStorageEngine engine) {
        return engine.readEvents(null, false).collect(Collectors.toMap(
                e -> ((DomainEventMessage<?>) e).getAggregateIdentifier() + "#" + ((DomainEventMessage<?>) e).getSequenceNumber(),
                e -> ((GapAwareTrackingToken) e.trackingToken()).getIndex()));
    }

    private Document position() {
        return db.getCollection(IndexedMongoEventStorageEngine.COUNTERS).find(eq("_id", PersonIndex.POSITION_ID)).first();
    }

    @Test
    void aReadFindsEventsTheIndexerHasNotReachedYet() {
        IndexedMongoEventStorageEngine engine = builder().backgroundPersonIndexing(false).build();
        engine.appendEvents(personEvent("a", 0, "p1"));
        engine.appendEvents(personEvent("b", 0, "p1", "p2"), personEvent("b", 1, "p2"));
        assertThat(persons.countDocuments()).isZero();
        Map<String, Long> at = indexes(engine);

        assertThat(engine.personEventIndexes("p1")).containsExactly(at.get("a#0"), at.get("b#0"));
        assertThat(engine.personEventIndexes("p2")).containsExactly(at.get("b#0"), at.get("b#1"));

        engine.indexPersons();
        assertThat(position().getLong("i")).isEqualTo(at.get("b#1"));
        engine.appendEvents(personEvent("c", 0, "p1"));
        at = indexes(engine);
        assertThat(engine.personEventIndexes("p1")).containsExactly(at.get("a#0"), at.get("b#0"), at.get("c#0"));
        assertThat(engine.readPersonEvents("p1")).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                .containsExactly("a", "b", "c");
    }

    @Test
    void theBackgroundIndexerCatchesUpWithTheWriter() {
        IndexedMongoEventStorageEngine engine = builder().personIndexInterval(Duration.ofMillis(5)).build();
        try {
            for (int i = 0; i < 50; i++) {
                engine.appendEvents(personEvent("agg-" + i, 0, "p" + (i % 5)));
            }
            long last = indexes(engine).values().stream().mapToLong(Long::longValue).max().orElseThrow();
            await().atMost(30, TimeUnit.SECONDS).until(() -> position() != null && position().getLong("i") == last);
            assertThat(persons.find(eq("_id", "p3~0")).first()).isNotNull();
            assertThat(engine.personEventIndexes("p3")).hasSize(10);
        } finally {
            engine.shutDown();
        }
    }

    /**
     * Behind a writer that never stops, the background indexer still takes one round per
     * interval (each round moves the position once), not a round per commit: it used to chase
     * every commit acknowledged during its round at once.
     */
    @Test
    void behindASteadyWriterTheBackgroundIndexerTakesOneRoundPerInterval() throws Exception {
        java.util.concurrent.atomic.AtomicInteger positionWrites = new java.util.concurrent.atomic.AtomicInteger();
        try (MongoClient client = watching(IndexedMongoEventStorageEngine.COUNTERS, (name, command) -> {
            if (name.equals("update") && command.getArray("updates").stream().anyMatch(u ->
                    u.asDocument().getDocument("q").toJson().contains(PersonIndex.POSITION_ID))) {
                positionWrites.incrementAndGet();
            }
        })) {
            long interval = 100;
            IndexedMongoEventStorageEngine engine = IndexedMongoEventStorageEngine.builder()
                    .database(client.getDatabase(db.getName())).personIndexInterval(Duration.ofMillis(interval)).build();
            int commits = 150;
            long began = System.nanoTime();
            try {
                for (int i = 0; i < commits; i++) {
                    engine.appendEvents(personEvent("steady-" + i, 0, "p" + (i % 7)));
                    Thread.sleep(3);
                }
                long last = indexes(engine).values().stream().mapToLong(Long::longValue).max().orElseThrow();
                await().atMost(30, TimeUnit.SECONDS).until(() -> position() != null && position().getLong("i") == last);
            } finally {
                engine.shutDown();
            }
            long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
            assertThat(positionWrites.get()).as("rounds in %d ms at one per %d ms (+1: the first round waits for no interval)",
                    elapsedMillis, interval).isLessThanOrEqualTo((int) (elapsedMillis / interval) + 1);
            assertThat(engine.personEventIndexes("p3")).hasSize(commits / 7 + (commits % 7 > 3 ? 1 : 0));
        }
    }

    /**
     * Writers that outrun the background indexer wait for it by running its rounds themselves:
     * here the indexer sleeps for an hour after its first round, and the position still follows
     * the writer within {@link PersonIndex#MAX_LAG} indexes. Without it the indexer fell further
     * behind the longer four writers wrote, past the commits it keeps in memory.
     */
    @Test
    void writersHelpAnIndexerThatFallsMoreThanItsLagBehind() {
        IndexedMongoEventStorageEngine engine = builder().personIndexInterval(Duration.ofHours(1)).build();
        try {
            engine.appendEvents(personEvent("first", 0, "p0"));
            await().atMost(30, TimeUnit.SECONDS).until(() -> position() != null);
            long firstRound = position().getLong("i");
            int perCall = 100;
            int calls = PersonIndex.MAX_LAG / perCall * 3;
            for (int call = 0; call < calls; call++) {
                List<DomainEventMessage<?>> events = new ArrayList<>();
                for (int k = 0; k < perCall; k++) {
                    events.add(personEvent("w-" + call + "-" + k, 0, "p" + k % 9));
                }
                engine.appendEvents(events);
            }
            long last = indexes(engine).values().stream().mapToLong(Long::longValue).max().orElseThrow();

            long indexed = position().getLong("i");
            assertThat(indexed).as("the indexer's own rounds stopped at %d", firstRound).isGreaterThan(firstRound);
            assertThat(last - indexed).isLessThanOrEqualTo(PersonIndex.MAX_LAG);
            engine.indexPersons();
            assertThat(engine.personEventIndexes("p4")).hasSize(calls * (perCall / 9 + (perCall % 9 > 4 ? 1 : 0)));
        } finally {
            engine.shutDown();
        }
    }

    @Test
    void anIndexerThatDiesBeforeStoringItsPositionIsRepeatedAndReadsStayExact() {
        IndexedMongoEventStorageEngine engine = builder().backgroundPersonIndexing(false).build();
        engine.appendEvents(personEvent("a", 0, "p1"));
        engine.appendEvents(personEvent("a", 1, "p1"));
        engine.personIndex.afterEntriesWritten = () -> {
            throw new EngineContractTest.WriterDied();
        };
        assertThatThrownBy(engine::indexPersons).isInstanceOf(EngineContractTest.WriterDied.class);
        assertThat(position()).isNull();
        engine.personIndex.afterEntriesWritten = () -> {
        };
        engine.indexPersons();

        assertThat(entriesWritten("p1")).as("the repeated round wrote its entries twice").isEqualTo(4);
        Map<String, Long> at = indexes(engine);
        assertThat(engine.personEventIndexes("p1")).containsExactly(at.get("a#0"), at.get("a#1"));
    }

    @Test
    void aSlowCommitThatTheIndexerPassedAsAGapIsFoundAndIndexedLater() throws Exception {
        IndexedMongoEventStorageEngine engine = builder().backgroundPersonIndexing(false).build();
        IndexedMongoEventStorageEngine slow = builder().backgroundPersonIndexing(false).build();
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        slow.afterIndexAllocation = () -> {
            allocated.countDown();
            EngineContractTest.await(release);
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> write = pool.submit(() -> slow.appendEvents(personEvent("slow", 0, "p1")));
            assertThat(allocated.await(10, TimeUnit.SECONDS)).isTrue();
            engine.appendEvents(personEvent("fast", 0, "p1"));
            engine.indexPersons();
            assertThat(position().getList("gaps", Number.class)).hasSize(1);
            Map<String, Long> before = indexes(engine);
            assertThat(engine.personEventIndexes("p1")).containsExactly(before.get("fast#0"));

            release.countDown();
            write.get(10, TimeUnit.SECONDS);
            Map<String, Long> at = indexes(engine);
            List<Long> expected = List.of(at.get("slow#0"), at.get("fast#0"));
            assertThat(engine.personEventIndexes("p1")).containsExactly(expected.toArray(Long[]::new));

            engine.indexPersons();
            assertThat(position().getList("gaps", Number.class)).isEmpty();
            assertThat(engine.personEventIndexes("p1")).containsExactly(expected.toArray(Long[]::new));
            assertThat(engine.readPersonEvents("p1")).extracting(TrackedEventMessage::getIdentifier).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLongUnindexedTailIsReadInChunksByAReaderAndIndexedByAWriter() {
        IndexedMongoEventStorageEngine engine = builder().backgroundPersonIndexing(false).build();
        IndexedMongoEventStorageEngine reader = builder().readOnly(true).build();
        for (int commit = 0; commit < 500; commit++) {
            List<DomainEventMessage<?>> events = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                events.add(personEvent("busy-" + commit, i, i % 2 == 0 ? "even" : "odd"));
            }
            engine.appendEvents(events);
        }
        List<Long> fromTail = reader.personEventIndexes("even");
        assertThat(fromTail).hasSize(2500).isSorted().doesNotHaveDuplicates();
        assertThat(persons.countDocuments()).isZero();

        assertThat(engine.personEventIndexes("even")).isEqualTo(fromTail);
        assertThat(persons.countDocuments()).as("the writer indexed the long tail first").isPositive();
        assertThat(reader.personEventIndexes("odd")).hasSize(2500).doesNotContainAnyElementsOf(fromTail);
    }

    @Test
    void readersCatchingUpAtOnceTakeTurnsAndWriteEachEntryOnce() throws Exception {
        IndexedMongoEventStorageEngine engine = builder().backgroundPersonIndexing(false).build();
        for (int commit = 0; commit < 300; commit++) {
            List<DomainEventMessage<?>> events = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                events.add(personEvent("busy-" + commit, i, "p" + (i % 3)));
            }
            engine.appendEvents(events);
        }
        CountDownLatch firstRoundWritten = new CountDownLatch(1);
        CountDownLatch othersStarted = new CountDownLatch(1);
        engine.personIndex.afterEntriesWritten = () -> {
            firstRoundWritten.countDown();
            try {
                othersStarted.await(10, TimeUnit.SECONDS); // hold the round open while the others ask
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Long>>> reads = new ArrayList<>();
            reads.add(pool.submit(() -> engine.personEventIndexes("p0")));
            assertThat(firstRoundWritten.await(10, TimeUnit.SECONDS)).isTrue();
            for (int reader = 1; reader < 4; reader++) {
                String personId = "p" + (reader % 3);
                reads.add(pool.submit(() -> engine.personEventIndexes(personId)));
            }
            othersStarted.countDown();
            int[] expected = {1200, 900, 900, 1200}; // p0 has 4 of each commit's 10 events, p1 and p2 have 3
            for (int reader = 0; reader < 4; reader++) {
                assertThat(reads.get(reader).get(60, TimeUnit.SECONDS)).hasSize(expected[reader]).doesNotHaveDuplicates();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(persons.find().into(new ArrayList<>()).stream().mapToInt(PersonIndexTest::entriesIn).sum())
                .as("entries written: each of the 3,000 events once, not once per reader").isEqualTo(3000);
    }

    @Test
    void aPersonWhoseEventsSpanPagesIsReadAcrossThem() {
        IndexedMongoEventStorageEngine engine = builder().backgroundPersonIndexing(false).build();
        engine.appendEvents(personEvent("early", 0, "p1"));
        long pageSpan = 1L << (PersonIndex.WINDOW_BITS + PersonIndex.PAGE_BITS);
        db.getCollection(IndexedMongoEventStorageEngine.COUNTERS).updateOne(eq("_id", "global-index"),
                new Document("$set", new Document("value", pageSpan + 10)));
        IndexedMongoEventStorageEngine later = builder().backgroundPersonIndexing(false).build();
        later.appendEvents(personEvent("late", 0, "p1"));
        engine.indexPersons();

        assertThat(persons.find(eq("_id", "p1~0")).first().getList("gc", Number.class)).containsExactly(1L, 1L);
        assertThat(persons.find(eq("_id", "p1~1")).first().getList("gc", Number.class))
                .containsExactly(pageSpan + 11, pageSpan + 11);
        assertThat(engine.personEventIndexes("p1")).containsExactly(1L, pageSpan + 11);
        assertThat(engine.readPersonEvents("p1")).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                .containsExactly("early", "late");
    }

    /** Appends {@code count} one-event commits naming the person and indexes them in one round. */
    private void appendAndIndex(IndexedMongoEventStorageEngine engine, String prefix, int count, String personId) {
        for (int i = 0; i < count; i++) {
            engine.appendEvents(personEvent(prefix + i, 0, personId));
        }
        engine.indexPersons();
    }

    private int entriesWritten(String personId) {
        return persons.find(new Document("_id", new Document("$regex", "^" + personId + "[~#]")))
                .into(new ArrayList<>()).stream().mapToInt(PersonIndexTest::entriesIn).sum();
    }

    /** The entries a page or bucket holds: {@code gc} pairs, {@code idx} documents of the earlier layout. */
    static int entriesIn(Document doc) {
        List<Number> gc = doc.getList("gc", Number.class);
        List<Document> idx = doc.getList("idx", Document.class);
        return (gc == null ? 0 : gc.size() / 2) + (idx == null ? 0 : idx.size());
    }

    @Test
    void aPersonOfACommunityIsIndexedInItsPageAloneOneWritePerRound() {
        IndexedMongoEventStorageEngine engine = builder().backgroundPersonIndexing(false).build();
        for (int round = 0; round < 3; round++) {
            appendAndIndex(engine, "r" + round + "-", 2, "p1");
        }
        List<Document> docs = persons.find().into(new ArrayList<>());
        assertThat(docs).extracting(d -> d.get("_id")).containsExactly("p1~0");
        assertThat(docs.get(0).getInteger("n")).isEqualTo(6);
        assertThat(docs.get(0).get("w")).as("no window buckets").isNull();
        assertThat(engine.personEventIndexes("p1")).isEqualTo(indexes(engine).values().stream().sorted().toList());
    }

    @Test
    void aPageHoldsABoundedShareAndThePersonsFurtherEntriesSpillToWindowBuckets() {
        IndexedMongoEventStorageEngine engine = builder().backgroundPersonIndexing(false).build();
        int perRound = PersonIndex.PAGE_HELD / 3 + 1;
        for (int round = 0; round < 5; round++) {
            appendAndIndex(engine, "r" + round + "-", perRound, "busy");
        }
        Document page = persons.find(eq("_id", "busy~0")).first();
        assertThat(page.getInteger("n")).isEqualTo(entriesIn(page))
                .as("the third round's entries would not have fit").isEqualTo(2 * perRound);
        assertThat(page.getList("w", Number.class)).isNotEmpty();
        assertThat(entriesWritten("busy")).as("each entry once").isEqualTo(5 * perRound);

        IndexedMongoEventStorageEngine another = builder().backgroundPersonIndexing(false).build();
        appendAndIndex(another, "fresh-", 3, "busy");
        assertThat(persons.find(eq("_id", "busy~0")).first().getInteger("n"))
                .as("a few more still fit: another instance reads the count and puts them there").isEqualTo(2 * perRound + 3);
        appendAndIndex(another, "more-", PersonIndex.PAGE_HELD - 2 * perRound - 3, "busy");
        appendAndIndex(another, "full-", 1, "busy");
        assertThat(persons.find(eq("_id", "busy~0")).first().getInteger("n")).isEqualTo(PersonIndex.PAGE_HELD);
        List<Long> all = indexes(engine).values().stream().sorted().toList();
        assertThat(all).hasSize(PersonIndex.PAGE_HELD + 3 * perRound + 1);
        assertThat(entriesWritten("busy")).isEqualTo(all.size());
        assertThat(engine.personEventIndexes("busy")).isEqualTo(all);
        assertThat(another.readPersonEvents("busy")).hasSize(all.size());
    }

    /** A client of the test store that hands each command on {@code collection} (name, a copy) to {@code seen}. */
    private MongoClient watching(String collection, java.util.function.BiConsumer<String, BsonDocument> seen) {
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                BsonDocument command = BsonDocument.parse(event.getCommand().toJson()); // valid in this call only
                if (command.get(event.getCommandName()) instanceof BsonString name && collection.equals(name.getValue())) {
                    seen.accept(event.getCommandName(), command);
                }
            }
        };
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(store.uri())).addCommandListener(listener).build());
    }

    @Test
    void everyFilterOnThePersonIndexIsTheKeyAlone() {
        List<BsonDocument> filters = java.util.Collections.synchronizedList(new ArrayList<>());
        try (MongoClient client = watching(IndexedMongoEventStorageEngine.PERSONS, (name, command) -> {
            if (command.containsKey("filter")) {
                filters.add(command.getDocument("filter"));
            }
            if (command.containsKey("updates")) {
                command.getArray("updates").forEach(u -> filters.add(u.asDocument().getDocument("q")));
            }
        })) {
            MongoDatabase watched = client.getDatabase(db.getName());
            IndexedMongoEventStorageEngine engine = IndexedMongoEventStorageEngine.builder().database(watched)
                    .backgroundPersonIndexing(false).build();
            appendAndIndex(engine, "few-", 3, "p1");
            appendAndIndex(engine, "many-", PersonIndex.PAGE_HELD, "p1");
            engine.personEventIndexes("p1");
            engine.readPersonEvents("p1");
        }
        assertThat(filters).as("page reads and writes, bucket reads and writes").hasSizeGreaterThan(5)
                .allSatisfy(filter -> assertThat(filter.keySet())
                        .as("the key alone, which any store serves by its index (mongo-java-server by itself only a filter"
                                + " of exactly an index's fields)").containsExactly("_id"));
        assertThat(persons.find(eq("_id", "p1~0")).first().getInteger("n")).isEqualTo(3);
        assertThat(persons.find(eq("_id", "p1~0")).first().getList("w", Number.class)).isNotEmpty();
    }

    @Test
    void pagesOfTheEarlierLayoutThatOnlyListWindowsAreReadAndTakeEntries() {
        IndexedMongoEventStorageEngine engine = builder().backgroundPersonIndexing(false).build();
        appendAndIndex(engine, "old-", 3, "p1");
        Document page = persons.find(eq("_id", "p1~0")).first();
        List<Number> gc = page.getList("gc", Number.class);
        List<Document> held = new ArrayList<>();
        for (int i = 0; i < gc.size(); i += 2) {
            held.add(new Document("g", gc.get(i)).append("c", gc.get(i + 1)));
        }
        persons.deleteOne(eq("_id", "p1~0"));
        persons.insertOne(new Document("_id", "p1~0").append("w", List.of(0L)));
        persons.insertOne(new Document("_id", PersonIndex.bucketId("p1", 0)).append("idx", held));

        appendAndIndex(engine, "new-", 2, "p1");
        Document upgraded = persons.find(eq("_id", "p1~0")).first();
        assertThat(upgraded.getList("w", Number.class)).containsExactly(0L);
        assertThat(upgraded.getInteger("n")).isEqualTo(2);
        assertThat(engine.personEventIndexes("p1")).hasSize(5)
                .isEqualTo(indexes(engine).values().stream().sorted().toList());
    }

    @Test
    void theIndexerTakesTheCommitsItsInstanceWroteWithoutReadingThemBackAndReadsTheOthers() {
        List<Long> commitReads = java.util.Collections.synchronizedList(new ArrayList<>());
        try (MongoClient client = watching(IndexedMongoEventStorageEngine.COMMITS, (name, command) -> {
            if (name.equals("find")) {
                command.getDocument("filter").getDocument("_id").getArray("$in")
                        .forEach(id -> commitReads.add(id.asNumber().longValue()));
            }
        })) {
            MongoDatabase watched = client.getDatabase(db.getName());
            IndexedMongoEventStorageEngine engine = IndexedMongoEventStorageEngine.builder().database(watched)
                    .backgroundPersonIndexing(false).build();
            for (int i = 0; i < 30; i++) {
                engine.appendEvents(personEvent("own-" + i, 0, "p" + (i % 3)));
            }
            engine.indexPersons();
            IndexedMongoEventStorageEngine unwatched = builder().backgroundPersonIndexing(false).readOnly(true).build();
            long lastOwn = indexes(unwatched).values().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(lastOwn).isEqualTo(30);
            assertThat(commitReads).as("none of its own 30 commits is read back, nor the rest of its lease").isEmpty();
            commitReads.clear();

            IndexedMongoEventStorageEngine other = builder().backgroundPersonIndexing(false).build();
            other.appendEvents(personEvent("other", 0, "p1"));
            engine.appendEvents(personEvent("own-after", 0, "p1"));
            engine.indexPersons();
            Map<String, Long> at = indexes(unwatched);
            assertThat(commitReads).as("another instance's commit is read from the store").contains(at.get("other#0"));
            assertThat(engine.personEventIndexes("p1")).containsExactlyElementsOf(at.entrySet().stream()
                    .filter(e -> List.of("own-1#0", "own-4#0", "own-7#0", "own-10#0", "own-13#0", "own-16#0", "own-19#0",
                            "own-22#0", "own-25#0", "own-28#0", "other#0", "own-after#0").contains(e.getKey()))
                    .map(Map.Entry::getValue).sorted().toList());
            assertThat(entriesWritten("p1")).as("each once").isEqualTo(12);
            assertThat(position().getLong("i")).isEqualTo(at.values().stream().mapToLong(Long::longValue).max().orElseThrow());
        }
    }
}
