package org.lianfang.eventstore.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.bson.Document;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static com.mongodb.client.model.Filters.eq;
import static org.lianfang.eventstore.bench.Report.f0;
import static org.lianfang.eventstore.bench.Report.f1;
import static org.lianfang.eventstore.bench.Report.pct;

/**
 * Spec item 1: one-event commits on distinct new aggregates, 1 and 4 threads, against the raw
 * driver's {@code insertOne} of a same-sized document (the limit) and axon-mongo's engine, all
 * on the same store, interleaved round by round so that the machine's noise hits all alike.
 */
final class AppendBenchmark {

    /** {@code drain}: finishes the contender's background work after a run (its person index). */
    private record Contender(String name, String what, Measure.Op op, Runnable drain) {

        Contender(String name, String what, Measure.Op op) {
            this(name, what, op, () -> { });
        }
    }

    private static final int BUSY_PERSON_EVENTS = 1_000;
    private static final int BUSIER_PERSON_EVENTS = 10_000;

    private final BenchStore store;
    private final Settings settings;
    private final Profiler profiler;
    private final Report report;
    private final AtomicLong ids = new AtomicLong();

    AppendBenchmark(BenchStore store, Settings settings, Profiler profiler, Report report) {
        this.store = store;
        this.settings = settings;
        this.profiler = profiler;
        this.report = report;
    }

    void run() throws Exception {
        IndexedMongoEventStorageEngine busy = kept(Engines.ours(store.database("append_ours_busy")));
        for (int c = 0; c < BUSY_PERSON_EVENTS / 100; c++) {
            busy.appendEvents(BenchEvents.readings("busy-" + c, 0, 100, "busy"));
        }
        for (int c = 0; c < BUSIER_PERSON_EVENTS / 100; c++) {
            busy.appendEvents(BenchEvents.readings("busier-" + c, 0, 100, "busier"));
        }
        kept(Engines.ours(store.database("append_ours"))).appendEvents(List.of(BenchEvents.reading("template", 0, null)));
        Document template = store.database("append_ours").getCollection(IndexedMongoEventStorageEngine.COMMITS)
                .find(eq("agg", "template")).first();
        Engines.axon(store.database("append_axon")).appendEvents(List.of(BenchEvents.reading("template", 0, null)));
        Document axonDoc = store.database("append_axon").getCollection("domainevents").find().first();
        createRawIndexes(store::database);
        String warmUpNote = warmUp(template);
        List<Contender> contenders = contenders(store::database, template);
        List<Contender> counted = contenders(store::countingDatabase, template);

        String backend = store.label();
        boolean collectFirst = store.kind() == BenchStore.Kind.MEMORY;
        report.line("### 1. Append: one-event commits on new aggregates (" + backend + " backend)").blank();
        report.line("Document sizes (BSON): our commit document with one event " + Engines.bsonSize(template)
                + " bytes, the raw baseline's document " + Engines.bsonSize(copy(template, 1)) + " bytes, axon-mongo's event document "
                + Engines.bsonSize(axonDoc) + " bytes. Each run lasts " + settings.appendRun().toMillis()
                + " ms; contenders take turns within each round, in a rotating order. " + warmUpNote).blank();

        for (int threads : new int[]{1, 4}) {
            Map<String, List<Measure.Rate>> rates = new LinkedHashMap<>();
            contenders.forEach(c -> rates.put(c.name, new ArrayList<>()));
            for (Contender c : contenders) {
                Measure.settledRate(threads, settings.appendRun(), Long.MAX_VALUE, c.op, c.drain, collectFirst);
            }
            for (int round = 0; round < settings.runs(); round++) {
                for (int k = 0; k < contenders.size(); k++) {
                    Contender c = contenders.get((k + round) % contenders.size());
                    try (AutoCloseable ignored = profiler.phase(phase(backend, c.name, threads))) {
                        Measure.Rate rate = Measure.settledRate(threads, settings.appendRun(), Long.MAX_VALUE, c.op, c.drain,
                                collectFirst);
                        rates.get(c.name).add(rate);
                        System.out.printf("append %s %dt %-34s %,8.0f/s %s%n", backend, threads, c.name, rate.perSecond(), rate.notes());
                    }
                }
            }
            double rawMedian = Measure.median(rates.get("raw insertOne").stream().map(Measure.Rate::perSecond).toList());
            List<List<String>> rows = new ArrayList<>();
            for (int k = 0; k < contenders.size(); k++) {
                Contender c = contenders.get(k);
                List<Measure.Rate> runs = rates.get(c.name);
                double median = Measure.median(runs.stream().map(Measure.Rate::perSecond).toList());
                double perOp = Measure.commandsPerOp(store::commands, 200, counted.get(k).op);
                long errors = runs.stream().mapToLong(Measure.Rate::errors).sum();
                rows.add(List.of(c.name, f0(median) + "/s",
                        runs.stream().map(r -> f0(r.perSecond())).reduce((a, b) -> a + ", " + b).orElse(""),
                        pct(median / rawMedian), f1(perOp), Long.toString(errors), c.what));
            }
            report.line("**" + threads + (threads == 1 ? " thread" : " threads") + "**").blank();
            report.table(List.of("contender", "median", "runs", "vs raw insertOne", "round trips/op", "failed ops", "what"), rows);
            double ours = median(rates.get("ours"));
            double indexed = median(rates.get(RAW_INDEXED));
            report.goal("append " + backend + ", " + threads + "t, ours ≥ 70 % of raw insertOne",
                    ours / rawMedian >= 0.70, Report.pct1(ours / rawMedian) + " (of " + RAW_INDEXED + ": "
                            + Report.pct1(ours / indexed) + ")", phase(backend, "ours", threads),
                    phase(backend, "raw insertOne", threads));
            // An event that names a person costs the store a write to that person's index as well, which
            // raw insertOne does not make: its limit is the raw row that makes both (docs/benchmarks.md, session 18).
            double person = median(rates.get("ours, 1 person"));
            double personLimit = median(rates.get(RAW_PERSON));
            report.goal("append " + backend + ", " + threads + "t, ours, 1 person ≥ 70 % of " + RAW_PERSON
                            + " (the limit with a per-person index)",
                    person / personLimit >= 0.70, Report.pct1(person / personLimit) + " (of raw insertOne: "
                            + Report.pct1(person / rawMedian) + ")",
                    phase(backend, "ours, 1 person", threads), phase(backend, RAW_PERSON, threads));
        }
    }

    private static final String RAW_PERSON = "raw insertOne + person upsert";
    private static final String RAW_INDEXED = "raw insertOne, our unique index";
    /** Rounds over every contender, at 1 and at 4 threads, on throwaway databases before anything is measured. */
    private static final int WARM_UP_ROUNDS = 2;

    private static double median(List<Measure.Rate> runs) {
        return Measure.median(runs.stream().map(Measure.Rate::perSecond).toList());
    }

    /**
     * The unique index of the raw contenders that carry ours: {@code a}, as this build creates it (until session 18 also the
     * sparse {@code z} of earlier builds' stores, which ours no longer has: that made the row a lower bound than ours faces).
     */
    private static void createRawIndexes(Function<String, MongoDatabase> db) {
        for (String name : List.of("append_raw_indexed", "append_raw_two_step", "append_raw_person")) {
            db.apply(name).getCollection("docs").createIndex(Indexes.ascending("a"), new IndexOptions().unique(true));
        }
    }

    /**
     * Compiles every contender's path before the first measured run: {@link #WARM_UP_ROUNDS} rounds
     * over all of them, at 1 and at 4 threads, each on its own throwaway database (on the memory
     * backend dropped afterwards, so its documents do not weigh on the measured runs' heap). A probe
     * of 4-thread appends on the memory backend (session 18) found the JIT still compiling 1–8 s of
     * CPU per 3-s run a minute after the start, each contender's rate rising from round to round
     * (raw insertOne 9 k → 34 k/s), with one discarded run per contender as the only warm-up.
     */
    private String warmUp(Document template) {
        long begin = System.nanoTime();
        Function<String, MongoDatabase> warm = name -> store.database("warm_" + name);
        createRawIndexes(warm);
        int enginesBefore = engines.size();
        List<Contender> contenders = contenders(warm, template);
        boolean collectFirst = store.kind() == BenchStore.Kind.MEMORY;
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (int threads : new int[]{1, 4}) {
                for (int k = 0; k < contenders.size(); k++) {
                    Contender c = contenders.get((k + round) % contenders.size());
                    Measure.Rate rate = Measure.settledRate(threads, settings.appendRun(), Long.MAX_VALUE, c.op, c.drain, collectFirst);
                    System.out.printf("append %s warm-up %dt %-34s %,8.0f/s%n", store.label(), threads, c.name, rate.perSecond());
                }
            }
        }
        List<IndexedMongoEventStorageEngine> warmEngines = new ArrayList<>(engines.subList(enginesBefore, engines.size()));
        engines.removeAll(warmEngines);
        warmEngines.forEach(IndexedMongoEventStorageEngine::shutDown);
        if (store.kind() == BenchStore.Kind.MEMORY) {
            DATABASES.forEach(name -> warm.apply(name).drop());
        }
        return String.format("Before the first measured run, %d warm-up rounds over every contender at 1 and at 4 threads on "
                + "throwaway databases (%.0f s%s), to have the JIT compile their paths; then one discarded run per contender "
                + "at each thread count.", WARM_UP_ROUNDS, (System.nanoTime() - begin) / 1e9,
                store.kind() == BenchStore.Kind.MEMORY ? ", dropped afterwards" : "");
    }

    /** The databases of the contenders. */
    private static final List<String> DATABASES = List.of("append_ours", "append_ours_person", "append_ours_busy", "append_axon",
            "append_raw", "append_raw_indexed", "append_raw_two_step", "append_raw_person");

    /** Every engine of this section: their background indexers stop before the databases go. */
    private final List<IndexedMongoEventStorageEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();

    private IndexedMongoEventStorageEngine kept(IndexedMongoEventStorageEngine engine) {
        engines.add(engine);
        return engine;
    }

    /** Stops the section's engines (their background indexers), before its store closes. */
    void stopEngines() {
        engines.forEach(IndexedMongoEventStorageEngine::shutDown);
    }

    /** The contenders, on the databases {@code db} gives (the timed client's, or the counting one's). */
    private List<Contender> contenders(Function<String, MongoDatabase> db, Document template) {
        IndexedMongoEventStorageEngine ours = kept(Engines.ours(db.apply("append_ours")));
        IndexedMongoEventStorageEngine oursPerson = kept(Engines.ours(db.apply("append_ours_person")));
        IndexedMongoEventStorageEngine busy = kept(Engines.ours(db.apply("append_ours_busy")));
        MongoEventStorageEngine axon = Engines.axon(db.apply("append_axon"));
        MongoCollection<Document> raw = db.apply("append_raw").getCollection("docs");
        MongoCollection<Document> rawIndexed = db.apply("append_raw_indexed").getCollection("docs");
        MongoCollection<Document> rawTwoStep = db.apply("append_raw_two_step").getCollection("docs");
        MongoCollection<Document> counter = db.apply("append_raw_two_step").getCollection("counter");
        MongoCollection<Document> rawPersoned = db.apply("append_raw_person").getCollection("docs");
        RawPersonIndex rawPersons = new RawPersonIndex(db.apply("append_raw_person").getCollection("persons"));
        return List.of(
                new Contender("raw insertOne", "baseline (the limit): 1 insert of a copy of our commit document, `_id` index only",
                        (t, i) -> raw.insertOne(copy(template, ids.incrementAndGet()))),
                new Contender("ours", "our engine, event names no person: commit insert, indexes from the instance's lease (one `$inc` per block)",
                        (t, i) -> ours.appendEvents(List.of(BenchEvents.reading("n-" + ids.incrementAndGet(), 0, null)))),
                new Contender("ours, 1 person", "our engine, event names 1 person: the same; the person index is written by the background indexer, in batches",
                        (t, i) -> {
                            long id = ids.incrementAndGet();
                            oursPerson.appendEvents(List.of(BenchEvents.reading("n-" + id, 0, "p-" + id % 10_000)));
                        }, oursPerson::indexPersons),
                new Contender("ours, 1 busy person", "diagnostic: our engine, event names a person who already has "
                        + BUSY_PERSON_EVENTS / 1000 + " k events (a volunteer on many shifts)",
                        (t, i) -> busy.appendEvents(List.of(BenchEvents.reading("n-" + ids.incrementAndGet(), 0, "busy"))),
                        busy::indexPersons),
                new Contender("ours, 1 busier person", "diagnostic: the same with " + BUSIER_PERSON_EVENTS / 1000 + " k events",
                        (t, i) -> busy.appendEvents(List.of(BenchEvents.reading("n-" + ids.incrementAndGet(), 0, "busier"))),
                        busy::indexPersons),
                new Contender("axon-mongo", "axon-mongo `MongoEventStorageEngine`, document per event",
                        (t, i) -> axon.appendEvents(List.of(BenchEvents.reading("n-" + ids.incrementAndGet(), 0, null)))),
                new Contender(RAW_INDEXED, "the limit for any engine with optimistic concurrency by a unique key: the same insert into a collection with our unique `a` index",
                        (t, i) -> rawIndexed.insertOne(copy(template, ids.incrementAndGet()))),
                new Contender(RAW_PERSON, "the limit of `ours, 1 person`: the least a per-person index costs on this store"
                        + " — the same insert (into a collection with our unique `a` index), and for each event one `$push` upsert into its person's document (as ours,"
                        + " the person of `ours, 1 person`), " + RawPersonIndex.BATCH + " to a bulk write, in the writing thread",
                        (t, i) -> {
                            long id = ids.incrementAndGet();
                            rawPersoned.insertOne(copy(template, id));
                            rawPersons.add(t, "p-" + id % 10_000, id);
                        }, rawPersons::flush),
                new Contender("raw `$inc` + insertOne", "diagnostic: the floor of one `$inc` per commit (the engine before leases), done by hand",
                        (t, i) -> {
                            Document c = counter.findOneAndUpdate(eq("_id", "g"), Updates.inc("v", 1L),
                                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                            rawTwoStep.insertOne(copy(template, c.getLong("v")));
                        }));
    }

    /**
     * The raw driver's per-person index: per writing thread, entries gathered and written as
     * {@code $push} upserts by key into one document per person and page, {@link #BATCH} at a
     * time (our engine's page layout without its reading back of commits and its position).
     */
    private static final class RawPersonIndex {
        static final int BATCH = 50;
        private final MongoCollection<Document> persons;
        private final List<List<UpdateOneModel<Document>>> pending = new ArrayList<>();

        RawPersonIndex(MongoCollection<Document> persons) {
            this.persons = persons;
            for (int t = 0; t < 16; t++) {
                pending.add(new ArrayList<>());
            }
        }

        void add(int thread, String personId, long globalIndex) {
            List<UpdateOneModel<Document>> mine = pending.get(thread);
            mine.add(new UpdateOneModel<>(eq("_id", personId + "~" + (globalIndex >> 19)),
                    Updates.combine(Updates.pushEach("gc", List.of(globalIndex, globalIndex)), Updates.inc("n", 1)),
                    new UpdateOptions().upsert(true)));
            if (mine.size() >= BATCH) {
                persons.bulkWrite(mine, new BulkWriteOptions().ordered(false));
                mine.clear();
            }
        }

        /** Writes what the threads gathered (after a run: the threads are done). */
        void flush() {
            for (List<UpdateOneModel<Document>> mine : pending) {
                if (!mine.isEmpty()) {
                    persons.bulkWrite(mine, new BulkWriteOptions().ordered(false));
                    mine.clear();
                }
            }
        }
    }

    static String phase(String backend, String contender, int threads) {
        return "append/" + backend + "/" + contender + "/" + threads + "t";
    }

    private static Document copy(Document template, long id) {
        Document doc = new Document(template);
        doc.put("_id", id);
        doc.put("first", id);
        doc.put("a", "n-" + id + "/0");
        if (template.containsKey("z")) {
            doc.put("z", "n-" + id + "/0");
        }
        doc.put("agg", "n-" + id);
        return doc;
    }
}
