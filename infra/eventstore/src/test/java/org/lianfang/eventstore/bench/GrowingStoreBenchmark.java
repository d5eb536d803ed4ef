package org.lianfang.eventstore.bench;

import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;
import static org.lianfang.eventstore.bench.Report.f0;
import static org.lianfang.eventstore.bench.Report.f1;
import static org.lianfang.eventstore.bench.Report.pct;

/**
 * Spec items 2 to 4: one event store per size (10 k, 100 k, 1 M events) side by side in the same
 * embedded store, so that catch-up runs over the sizes can alternate round by round under the
 * same machine noise. Stores are filled the fast way — 100 aggregates of 10 events per append
 * call, i.e. one counter {@code $inc} and one {@code insertMany} of 100 commit documents — and
 * each aggregate's events name one person, who appears in 3 aggregates spread over the store.
 */
final class GrowingStoreBenchmark {

    static final int EVENTS_PER_AGGREGATE = 10;
    private static final int AGGREGATES_PER_CALL = 100;
    private static final int BIG_AGGREGATE = 1000;
    private static final int SNAPSHOT_AT = 949;
    private static final Duration FIRST_WARM_UP = Duration.ofSeconds(3);

    /** One event store of a given size, in its own database. */
    private static final class Sized {
        final String engineName;
        final int size;
        final String database;
        final EventStorageEngine writer;
        final EventStorageEngine reader;
        final EventStorageEngine countingWriter;
        final EventStorageEngine countingReader;
        final int persons;
        int aggregates;
        long events;
        final List<Measure.Rate> news = new ArrayList<>();
        final List<Measure.Rate> olds = new ArrayList<>();
        long eventsAtStart;

        /** Our engine, or (not {@code ours}) axon-mongo's, whose writer also reads. */
        Sized(BenchStore store, boolean ours, int size) {
            this.engineName = ours ? "ours" : "axon-mongo";
            this.size = size;
            this.database = ours ? "grow_" + size : "grow_axon";
            this.writer = ours ? Engines.ours(store.database(database)) : Engines.axon(store.database(database));
            this.reader = ours ? Engines.reader(store.database(database)) : writer;
            this.countingWriter = ours ? Engines.ours(store.countingDatabase(database)) : Engines.axon(store.countingDatabase(database));
            this.countingReader = ours ? Engines.reader(store.countingDatabase(database)) : countingWriter;
            this.persons = Math.max(1, size / (3 * EVENTS_PER_AGGREGATE));
        }

        /**
         * The ceiling of "existing vs new" on this store, done by hand with the driver in the store of
         * {@code source}: a new aggregate is one {@code insertOne} of a one-event commit, an existing
         * one is a {@code find} of its 10-event commit by its unique key plus that insert.
         */
        Sized(BenchStore store, Sized source) {
            this.engineName = "raw driver";
            this.size = source.size;
            this.database = "grow_raw";
            this.writer = null;
            this.reader = null;
            this.countingWriter = null;
            this.countingReader = null;
            this.persons = source.persons;
            this.aggregates = source.aggregates;
            this.events = source.events;
            this.sourceCommits = store.database(source.database).getCollection(IndexedMongoEventStorageEngine.COMMITS);
            this.rawCommits = store.database(database).getCollection(IndexedMongoEventStorageEngine.COMMITS)
                    .withWriteConcern(com.mongodb.WriteConcern.W1);
            this.rawCommits.createIndex(com.mongodb.client.model.Indexes.ascending("a"),
                    new com.mongodb.client.model.IndexOptions().unique(true));
            Document tenEvents = sourceCommits.find(eq("a", "c-0/0")).first();
            if (tenEvents == null) {
                throw new IllegalStateException("no 10-event commit to copy in " + source.database);
            }
            this.oneEventTemplate = new Document(tenEvents);
            oneEventTemplate.put("events", List.of(tenEvents.getList("events", Document.class).get(0)));
            oneEventTemplate.put("e", oneEventTemplate.get("s"));
        }

        MongoCollection<Document> sourceCommits;
        MongoCollection<Document> rawCommits;
        Document oneEventTemplate;

        boolean raw() {
            return rawCommits != null;
        }

        String person(int aggregate) {
            return "p-" + aggregate % persons;
        }
    }

    private final AtomicLong rawIds = new AtomicLong(1L << 40);
    /** How long the catch-up waited for the store's background work after the fills. */
    private BenchStore.Quiet quiet;

    private void rawInsert(Sized sized, String key) {
        Document doc = new Document(sized.oneEventTemplate);
        doc.put("_id", rawIds.incrementAndGet());
        doc.put("a", key);
        sized.rawCommits.insertOne(doc);
    }

    private final BenchStore store;
    private final Settings settings;
    private final Profiler profiler;
    private final Report report;
    private final List<Integer> sizes;
    private final AtomicLong newIds = new AtomicLong();
    private final List<List<String>> commandRows = new ArrayList<>();
    private final List<String> fillNotes = new ArrayList<>();
    /** Per backend, the raw driver's existing-vs-new ratio: the ceiling for an engine whose new-aggregate command is a bare insert. */
    private final Map<String, Double> ceilings = new LinkedHashMap<>();

    GrowingStoreBenchmark(BenchStore store, Settings settings, Profiler profiler, Report report, List<Integer> sizes) {
        this.store = store;
        this.settings = settings;
        this.profiler = profiler;
        this.report = report;
        this.sizes = sizes;
    }

    void run() throws Exception {
        String backend = store.label();
        List<Sized> ours = new ArrayList<>();
        for (int size : sizes) {
            Sized sized = new Sized(store, true, size);
            fill(sized);
            ours.add(sized);
        }
        Sized axon = new Sized(store, false, sizes.get(0));
        fill(axon);
        settle();
        quiet = store.awaitBackgroundQuiet(Duration.ofSeconds(120));
        System.out.printf("store quiet after the fills: waited %.1f s, its background threads used %.1f s of CPU%s%n",
                quiet.waited().toMillis() / 1e3, quiet.backgroundCpu().toMillis() / 1e3, quiet.timedOut() ? " (gave up waiting)" : "");

        catchUp(backend, ours, axon);
        warmUpCommands(ours.get(ours.size() - 1));
        List<Sized> all = new ArrayList<>(ours);
        all.add(axon);
        all.add(new Sized(store, ours.get(0)));
        commands(backend, all, axon);
        writeCommands(backend);
        lookups(backend, ours.get(ours.size() - 1));
    }

    // ------------------------------------------------------------------ fill

    private void fill(Sized sized) {
        long begin = System.nanoTime();
        while (sized.events < sized.size) {
            int count = (int) Math.min(AGGREGATES_PER_CALL, Math.max(1, (sized.size - sized.events) / EVENTS_PER_AGGREGATE));
            List<DomainEventMessage<?>> batch = new ArrayList<>(count * EVENTS_PER_AGGREGATE);
            for (int a = sized.aggregates; a < sized.aggregates + count; a++) {
                batch.addAll(BenchEvents.readings("c-" + a, 0, EVENTS_PER_AGGREGATE, sized.person(a)));
            }
            sized.writer.appendEvents(batch);
            sized.aggregates += count;
            sized.events += (long) count * EVENTS_PER_AGGREGATE;
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        String note = String.format("%s %,d events in %.1f s (%,.0f events/s)", sized.engineName, sized.events, seconds,
                sized.events / Math.max(seconds, 1e-9));
        if (sized.writer instanceof IndexedMongoEventStorageEngine ours) {
            long indexBegin = System.nanoTime();
            ours.indexPersons();
            note += String.format(", then the rest of its person index in %.1f s", (System.nanoTime() - indexBegin) / 1e9);
        }
        fillNotes.add(note);
        System.out.println("fill " + store.label() + ": " + note);
    }

    /** Collects the fill's garbage now, so that it is not charged to the first measurement. */
    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(500);
    }

    // ------------------------------------------------------------------ item 3: catch-up

    private void catchUp(String backend, List<Sized> ours, Sized axon) throws Exception {
        Map<Sized, List<Measure.Rate>> rates = new LinkedHashMap<>();
        List<Sized> all = new ArrayList<>(ours);
        all.add(axon);
        all.forEach(s -> rates.put(s, new ArrayList<>()));
        for (int round = -1; round < settings.catchUpRuns(); round++) {
            for (int k = 0; k < all.size(); k++) {
                Sized sized = all.get((k + Math.max(round, 0)) % all.size());
                boolean isOurs = sized != axon;
                String phase = round < 0 ? "warm-up" : catchUpPhase(backend, sized.engineName, sized.size);
                try (AutoCloseable ignored = profiler.phase(phase)) {
                    Measure.Rate rate = catchUpPass(sized.reader, settings.catchUpRun(), isOurs);
                    if (round >= 0) {
                        rates.get(sized).add(rate);
                    }
                    System.out.printf("catch-up %s %s %,d%s: %,.0f events/s%n", backend, sized.engineName, sized.size,
                            round < 0 ? " (warm-up)" : "", rate.perSecond());
                }
            }
        }
        double smallest = median(rates.get(ours.get(0)));
        List<List<String>> rows = new ArrayList<>();
        for (Sized sized : all) {
            double median = median(rates.get(sized));
            rows.add(List.of(sized.engineName, f0(sized.size), f0(median) + "/s", list(rates.get(sized)),
                    sized == axon ? pct(median / smallest) + " of ours" : pct(median / smallest),
                    f1(catchUpCommandsPer1000(sized, sized == axon ? 2_000 : 20_000))));
        }
        report.line("### 3. Catch-up from the tail (" + backend + " backend)").blank();
        report.line("A read-only engine (another service's tracking processor) reads `readEvents(null, false)` to the end, "
                + "deserializing every payload and metadata; a run repeats whole passes for at least "
                + settings.catchUpRun().toMillis() + " ms (axon-mongo reads from the tail until the time is up: one pass "
                + "would take minutes). The stores of all sizes sit side by side in one embedded store and take turns "
                + "within each round, after a warm-up round over all of them. The baseline is our rate at "
                + f0(ours.get(0).size) + " events, in this run." + quietNote()).blank();
        report.table(List.of("engine", "events stored", "median", "runs", "vs " + f0(ours.get(0).size), "round trips per 1,000 events"),
                rows);
        Sized largest = ours.get(ours.size() - 1);
        double ratio = median(rates.get(largest)) / smallest;
        report.goal("catch-up " + backend + ": events/s at " + f0(largest.size) + " within 25 % of " + f0(ours.get(0).size),
                ratio >= 0.75, Report.pct1(ratio), catchUpPhase(backend, "ours", largest.size), catchUpPhase(backend, "ours", ours.get(0).size));
    }

    /** On H2: the wait for the store's background work after the fills, which the runs start after. */
    private String quietNote() {
        if (store.kind() != BenchStore.Kind.H2) {
            return "";
        }
        return String.format(" On H2 the warm-up round starts once the store's own threads are idle: after the fills its "
                + "background writer compacts the chunks they left (here for %.1f s, %.1f s of CPU%s), which a read running "
                + "meanwhile shares this machine's two cores with.",
                quiet.waited().toMillis() / 1e3, quiet.backgroundCpu().toMillis() / 1e3,
                quiet.timedOut() ? "; the wait gave up after 120 s" : "");
    }

    /**
     * Reads from the tail, deserializing every payload and metadata, for at least {@code min}:
     * whole passes over the store, or (not {@code wholePasses}) only until the time is up.
     */
    private static Measure.Rate catchUpPass(EventStorageEngine engine, Duration min, boolean wholePasses) {
        long begin = System.nanoTime();
        long deadline = begin + min.toNanos();
        long seen = 0;
        boolean timeUp = false;
        while (!timeUp) {
            long pass = read(engine, wholePasses ? Long.MAX_VALUE : -1, deadline);
            if (pass == 0) {
                throw new IllegalStateException("catch-up read nothing");
            }
            seen += pass;
            timeUp = System.nanoTime() > deadline;
        }
        long nanos = System.nanoTime() - begin;
        return new Measure.Rate(seen * 1e9 / nanos, seen, nanos, 0);
    }

    /** Reads up to {@code limit} events from the tail (negative: until {@code deadline}). */
    private static long read(EventStorageEngine engine, long limit, long deadline) {
        long count = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> it = events.iterator();
            while (it.hasNext()) {
                TrackedEventMessage<?> e = it.next();
                e.getPayload();
                e.getMetaData();
                count++;
                if (limit >= 0 ? count >= limit : (count & 15) == 0 && System.nanoTime() > deadline) {
                    break;
                }
            }
        }
        return count;
    }

    /** Store commands per 1,000 events read from the tail, counted over the first {@code events}. */
    private double catchUpCommandsPer1000(Sized sized, long events) {
        long before = store.commands();
        long read = read(sized.countingReader, events, Long.MAX_VALUE);
        return (store.commands() - before) * 1000.0 / read;
    }

    static String catchUpPhase(String backend, String engine, int size) {
        return "catch-up/" + backend + "/" + engine + "/" + size;
    }

    // ------------------------------------------------------------------ item 2: commands

    /** Compiles the command paths before the first measured run (on the largest store, where a few hundred events more do not matter). */
    private void warmUpCommands(Sized sized) {
        long deadline = System.nanoTime() + FIRST_WARM_UP.toNanos();
        while (System.nanoTime() < deadline) {
            Measure.rate(1, Duration.ofMinutes(1), 50, newAggregate(sized, sized.writer));
            Measure.rate(1, Duration.ofMinutes(1), 50, existing(sized, sized.writer));
        }
    }

    private Measure.Op newAggregate(Sized sized, EventStorageEngine engine) {
        if (sized.raw()) {
            return (t, i) -> rawInsert(sized, "new-raw-" + rawIds.get() + "/0");
        }
        return (t, i) -> {
            int p = ThreadLocalRandom.current().nextInt(sized.persons);
            engine.appendEvents(List.of(BenchEvents.reading("new-" + newIds.incrementAndGet(), 0, "p-" + p)));
            sized.events++;
        };
    }

    private Measure.Op existing(Sized sized, EventStorageEngine engine) {
        if (sized.raw()) {
            return (t, i) -> {
                int a = ThreadLocalRandom.current().nextInt(sized.aggregates);
                Document commit = sized.sourceCommits.find(eq("a", "c-" + a + "/0")).first();
                if (commit == null) {
                    throw new IllegalStateException("c-" + a + " not found");
                }
                rawInsert(sized, "c-" + a + "/raw-" + rawIds.get());
            };
        }
        return (t, i) -> {
            int a = ThreadLocalRandom.current().nextInt(sized.aggregates);
            String id = "c-" + a;
            long last = Engines.load(engine, id);
            if (last < EVENTS_PER_AGGREGATE - 1) {
                throw new IllegalStateException(id + " loaded only up to " + last);
            }
            engine.appendEvents(List.of(BenchEvents.reading(id, last + 1, sized.person(a))));
            sized.events++;
        };
    }

    /**
     * Item 2: per store, runs in which commands on new and on existing aggregates take turns, one
     * command each ({@link Measure#interleaved}), the first of each run alternating between
     * rounds; the stores take turns within each round, so that no size gets the machine's quiet
     * minutes.
     */
    private void commands(String backend, List<Sized> all, Sized axon) throws Exception {
        Map<Sized, Double> goalRatios = new LinkedHashMap<>();
        for (Sized sized : all) {
            int warmUp = Math.max(10, ops(sized, axon) / 5);
            Measure.rate(1, Duration.ofMinutes(2), warmUp, newAggregate(sized, sized.writer));
            Measure.rate(1, Duration.ofMinutes(2), warmUp, existing(sized, sized.writer));
            sized.eventsAtStart = sized.events;
        }
        for (int round = 0; round < settings.runs(); round++) {
            for (int j = 0; j < all.size(); j++) {
                Sized sized = all.get((j + round) % all.size());
                boolean newFirst = round % 2 == 0;
                Measure.Op news = newAggregate(sized, sized.writer);
                Measure.Op olds = existing(sized, sized.writer);
                try (AutoCloseable ignored = profiler.phase(commandPhase(backend, sized.engineName, sized.size))) {
                    Measure.Rate[] rates = Measure.interleaved(Duration.ofMinutes(5), ops(sized, axon),
                            newFirst ? news : olds, newFirst ? olds : news, drain(sized), store.kind() == BenchStore.Kind.MEMORY);
                    Measure.Rate newRate = rates[newFirst ? 0 : 1];
                    Measure.Rate oldRate = rates[newFirst ? 1 : 0];
                    sized.news.add(newRate);
                    sized.olds.add(oldRate);
                    System.out.printf("commands %s %s %,d: new %,.0f/s, existing %,.0f/s (as timed %,.0f/s, %,.0f/s;"
                                    + " p50 %.2f ms, %.2f ms; stalled %d ms, %d ms; pauses in them %d ms, %d ms) %s%n",
                            backend, sized.engineName, sized.size, newRate.perSecond(), oldRate.perSecond(),
                            newRate.asTimed(), oldRate.asTimed(), newRate.p50Micros() / 1e3, oldRate.p50Micros() / 1e3,
                            newRate.stalledMillis(), oldRate.stalledMillis(), newRate.pausedMillis(), oldRate.pausedMillis(),
                            newRate.notes());
                }
            }
        }
        for (Sized sized : all) {
            double newMedian = median(sized.news);
            double oldMedian = median(sized.olds);
            double asTimed = Measure.median(sized.olds.stream().map(Measure.Rate::asTimed).toList())
                    / Measure.median(sized.news.stream().map(Measure.Rate::asTimed).toList());
            long runMillis = sized.news.stream().mapToLong(r -> r.nanos() / 1_000_000).sum()
                    + sized.olds.stream().mapToLong(r -> r.nanos() / 1_000_000).sum();
            long pausedMillis = sized.news.stream().mapToLong(Measure.Rate::pausedMillis).sum()
                    + sized.olds.stream().mapToLong(Measure.Rate::pausedMillis).sum();
            long stalledMillis = sized.news.stream().mapToLong(Measure.Rate::stalledMillis).sum()
                    + sized.olds.stream().mapToLong(Measure.Rate::stalledMillis).sum();
            double newP50 = Measure.median(sized.news.stream().map(Measure.Rate::p50Micros).toList());
            double oldP50 = Measure.median(sized.olds.stream().map(Measure.Rate::p50Micros).toList());
            long errors = sized.news.stream().mapToLong(Measure.Rate::errors).sum()
                    + sized.olds.stream().mapToLong(Measure.Rate::errors).sum();
            long eventsAtEnd = sized.events;
            double newTrips = sized.raw() ? 1 : Measure.commandsPerOp(store::commands, 20, newAggregate(sized, sized.countingWriter));
            double oldTrips = sized.raw() ? 2 : Measure.commandsPerOp(store::commands, 20, existing(sized, sized.countingWriter));
            if (sized.raw()) {
                ceilings.put(backend, oldMedian / newMedian);
            }
            commandRows.add(List.of(sized.raw() ? "raw driver: `find` + `insertOne` vs `insertOne` (the ceiling)" : sized.engineName,
                    sized.raw() ? "reads the " + f0(sized.size) + "-event store" : f0(sized.eventsAtStart) + " → " + f0(eventsAtEnd),
                    f0(newMedian) + "/s", list(sized.news), f0(oldMedian) + "/s", list(sized.olds),
                    "**" + pct(oldMedian / newMedian) + "**", pct(asTimed),
                    String.format("%.2f / %.2f ms: %s", newP50 / 1e3, oldP50 / 1e3, pct(newP50 / Math.max(1e-9, oldP50))),
                    pct((double) stalledMillis / Math.max(1, runMillis)) + " / " + pct((double) pausedMillis / Math.max(1, runMillis)),
                    f1(newTrips) + " / " + f1(oldTrips), Long.toString(errors)));
            if (sized != axon && !sized.raw()) {
                goalRatios.put(sized, oldMedian / newMedian);
            }
        }
        Double ceiling = ceilings.get(backend);
        goalRatios.forEach((sized, ratio) -> report.goal("commands on existing aggregates " + backend + " at " + f0(sized.size)
                        + " events ≥ 50 % of new-aggregate rate", ratio >= 0.5,
                Report.pct1(ratio) + (ceiling == null ? "" : " (the raw driver's ceiling on this store: " + Report.pct1(ceiling)
                        + (ceiling < 0.5 ? ", out of reach for any engine" : "") + ")"),
                commandPhase(backend, sized.engineName, sized.size)));
    }

    /** Our engine's person index catching up after a run (part of the run's time); nothing for the others. */
    private static Runnable drain(Sized sized) {
        return sized.writer instanceof IndexedMongoEventStorageEngine ours ? ours::indexPersons : () -> { };
    }

    private int ops(Sized sized, Sized axon) {
        return sized == axon ? settings.axonCommandOps() : settings.commandOps();
    }

    /** One run of a store's commands, new and existing aggregates taking turns (their profiles cannot be told apart). */
    static String commandPhase(String backend, String engine, int size) {
        return "commands/" + backend + "/" + engine + "/" + size;
    }

    private void writeCommands(String backend) {
        report.line("### 2. Commands on existing aggregates (" + backend + " backend)").blank();
        report.line("A command on an existing aggregate = `readEvents(aggregateId)` (every payload deserialized) + append "
                + "of the next event; the aggregate is picked at random among the store's 10-event aggregates. The baseline is "
                + "a command creating a new aggregate (one-event commit) in the same store and the same runs: in each run the "
                + "two take turns, one command each, " + f0(settings.commandOps()) + " of each (axon-mongo: "
                + settings.axonCommandOps() + "), each command timed on its own, so that the machine's other load slows "
                + "both in proportion to their time and the store's stalls fall on both kinds' writes alike (not on whichever "
                + "had its own run then); after a warm-up of a fifth of that; "
                + "the stores take turns within each round. A collection's pause (100–350 ms on H2, the length of a hundred "
                + "commands) would still land on the one command it fell into, so the pauses the JVM reports are taken out "
                + "of the commands they fell into and charged to both kinds in proportion to the rest of their time "
                + "(\"existing vs new\", the goal's ratio); \"as timed\" is the ratio with every pause where it fell. "
                + "\"Median command\" gives each kind's typical command (median over the runs of each run's median), "
                + "untouched by stalls; \"stalls / pauses\" the share of the commands' time spent in commands of 20 ms "
                + "or more (the store's background work, a collection, the machine) and in collections' pauses. "
                + "Every event names one person, "
                + "so each append of our engine also updates the per-person index. Store sizes are events at the start → "
                + "at the end of the measured runs.").blank();
        report.table(List.of("engine", "events stored", "new aggregates", "runs", "existing aggregates", "runs",
                "existing vs new", "as timed", "median command (new / existing): new ÷ existing", "stalls / pauses",
                "round trips/op (new / existing)", "failed ops"),
                commandRows);
        Double ceiling = ceilings.get(backend);
        if (ceiling != null) {
            report.line("**The ceiling on this store: " + pct(ceiling) + ".** The raw driver's row does by hand the least "
                    + "a command on an existing aggregate must do — one `find` of the aggregate's commit by its unique key "
                    + "(the 10-event commit, decoded by the driver) plus the insert of a one-event commit — against that "
                    + "insert alone, in the same rounds. Below 50 %, the goal is out of reach on this store for any engine "
                    + "that reads an aggregate before it appends (ours also deserializes every payload and asks for up to "
                    + "64 sequences — 18 where it saw the aggregate's end — not one key); ours can come out above the ceiling only where its "
                    + "new-aggregate command costs more than a bare insert (the person index's writes, which the raw rows "
                    + "do not make).").blank();
        }
        report.line("Fill (" + AGGREGATES_PER_CALL + " aggregates × " + EVENTS_PER_AGGREGATE
                + " events per append call): " + String.join("; ", fillNotes) + ".").blank();
    }

    // ------------------------------------------------------------------ item 4: loads and look-ups

    private void lookups(String backend, Sized sized) throws Exception {
        String big = "big-" + backend;
        for (int seq = 0; seq < BIG_AGGREGATE; seq++) {
            sized.writer.appendEvents(List.of(BenchEvents.reading(big, seq, null)));
        }
        sized.writer.storeSnapshot(BenchEvents.snapshot(big, SNAPSHOT_AT));
        sized.events += BIG_AGGREGATE;
        Map<String, Measure.Op> ops = lookupOps(sized, big, sized.writer, store.database(sized.database));
        Map<String, Measure.Op> counted = lookupOps(sized, big, sized.countingWriter, store.countingDatabase(sized.database));
        Map<String, List<Measure.Latency>> results = new LinkedHashMap<>();
        ops.keySet().forEach(k -> results.put(k, new ArrayList<>()));
        for (Map.Entry<String, Measure.Op> op : ops.entrySet()) {
            Measure.latency(samples(op.getKey()) / 5 + 1, op.getValue());
        }
        for (int run = 0; run < settings.runs(); run++) {
            for (Map.Entry<String, Measure.Op> op : ops.entrySet()) {
                try (AutoCloseable ignored = profiler.phase("lookups/" + backend + "/" + op.getKey())) {
                    Measure.Latency latency = Measure.latency(samples(op.getKey()), op.getValue());
                    results.get(op.getKey()).add(latency);
                    System.out.printf("lookup %s %s: p50 %.0f µs p99 %.0f µs%n", backend, op.getKey(), latency.p50(), latency.p99());
                }
            }
        }
        double baseline = Measure.median(results.get("raw key look-up (baseline)").stream().map(Measure.Latency::p50).toList());
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, List<Measure.Latency>> result : results.entrySet()) {
            String name = result.getKey();
            List<Measure.Latency> runs = result.getValue();
            double trips = Measure.commandsPerOp(store::commands, 5, counted.get(name));
            double p50 = Measure.median(runs.stream().map(Measure.Latency::p50).toList());
            double p99 = Measure.median(runs.stream().map(Measure.Latency::p99).toList());
            rows.add(List.of(name, ms(p50), ms(p99),
                    runs.stream().map(r -> ms(r.p50()) + " / " + ms(r.p99())).reduce((a, b) -> a + "; " + b).orElse(""),
                    String.format("%.1f×", p50 / baseline),
                    f1(trips), Long.toString(runs.get(0).count())));
        }
        report.line("### 4. Aggregate load and per-person look-up (" + backend + " backend, " + f0(sized.events)
                + " events stored)").blank();
        report.line("The 1,000-event aggregate was written as 1,000 one-event commits (as commands write it), with a snapshot "
                + "after event #950, so the snapshot load reads the snapshot and 50 events (as Axon's event store does: "
                + "`readSnapshot`, then `readEvents(id, 950)`). Each person is named by 3 aggregates (" + 3 * EVENTS_PER_AGGREGATE
                + " events in 3 commits spread over the store), " + f0(sized.persons) + " persons. The baseline is one `find` "
                + "on a unique key returning one 10-event commit, in the same store. Latencies are medians over the runs of "
                + "each run's p50 and p99.").blank();
        report.table(List.of("operation", "p50", "p99", "runs (p50 / p99)", "p50 vs baseline", "round trips/op", "samples/run"), rows);
        double without = Measure.median(results.get("load 1,000 events, no snapshot").stream().map(Measure.Latency::p50).toList());
        double with = Measure.median(results.get("load 1,000 events, snapshot at #950").stream().map(Measure.Latency::p50).toList());
        report.line(String.format("The snapshot makes the 1,000-event load %.1f× faster (p50).", without / with)).blank();
    }

    private static Map<String, Measure.Op> lookupOps(Sized sized, String big, EventStorageEngine writer, com.mongodb.client.MongoDatabase db) {
        IndexedMongoEventStorageEngine engine = (IndexedMongoEventStorageEngine) writer;
        MongoCollection<Document> commits = db.getCollection(IndexedMongoEventStorageEngine.COMMITS);
        Map<String, Measure.Op> ops = new LinkedHashMap<>();
        ops.put("raw key look-up (baseline)", (t, i) -> {
            int a = ThreadLocalRandom.current().nextInt(sized.aggregates);
            check(commits.find(eq("a", "c-" + a + "/0")).first() != null, "no commit c-" + a);
        });
        ops.put("load 1,000 events, no snapshot", (t, i) -> {
            long[] n = {0};
            writer.readEvents(big).asStream().forEach(e -> {
                e.getPayload();
                n[0]++;
            });
            check(n[0] == BIG_AGGREGATE, "loaded " + n[0]);
        });
        ops.put("load 1,000 events, snapshot at #950", (t, i) -> {
            Optional<DomainEventMessage<?>> snapshot = writer.readSnapshot(big);
            check(snapshot.isPresent(), "no snapshot");
            snapshot.get().getPayload();
            long[] n = {0};
            writer.readEvents(big, snapshot.get().getSequenceNumber() + 1).asStream().forEach(e -> {
                e.getPayload();
                n[0]++;
            });
            check(n[0] == BIG_AGGREGATE - SNAPSHOT_AT - 1, "loaded " + n[0] + " after the snapshot");
        });
        ops.put("person look-up: `personEventIndexes`", (t, i) -> {
            String p = "p-" + ThreadLocalRandom.current().nextInt(sized.persons);
            check(!engine.personEventIndexes(p).isEmpty(), p + " has no events");
        });
        ops.put("person look-up: `readPersonEvents`", (t, i) -> {
            String p = "p-" + ThreadLocalRandom.current().nextInt(sized.persons);
            List<? extends TrackedEventMessage<?>> found = engine.readPersonEvents(p);
            found.forEach(TrackedEventMessage::getPayload);
            check(!found.isEmpty(), p + " has no events");
        });
        return ops;
    }

    private int samples(String op) {
        return op.startsWith("load") ? settings.loadSamples() : settings.lookupSamples();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private static double median(List<Measure.Rate> runs) {
        return Measure.median(runs.stream().map(Measure.Rate::perSecond).toList());
    }

    private static String ms(double micros) {
        return micros >= 10_000 ? f0(micros / 1000) + " ms" : String.format("%.2f ms", micros / 1000);
    }

    private static String list(List<Measure.Rate> runs) {
        return runs.stream().map(r -> f0(r.perSecond())).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
