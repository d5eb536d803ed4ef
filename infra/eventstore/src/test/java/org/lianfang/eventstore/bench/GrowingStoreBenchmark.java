package org.lianfang.eventstore.bench;

import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static com.mongodb.client.model.Filters.eq;
import static org.lianfang.eventstore.bench.Report.f0;
import static org.lianfang.eventstore.bench.Report.f1;
import static org.lianfang.eventstore.bench.Report.pct;

/**
 * Spec items 2 to 4 on one store that grows through the sizes: catch-up from the tail, commands
 * on existing aggregates against new ones, and at the largest size aggregate loads and per-person
 * look-ups. The store is filled the fast way — 100 aggregates of 10 events per append call,
 * i.e. one counter {@code $inc} and one {@code insertMany} of 100 commit documents — and each
 * aggregate's events name one person, who appears in 3 aggregates spread over the store.
 */
final class GrowingStoreBenchmark {

    static final int EVENTS_PER_AGGREGATE = 10;
    private static final int AGGREGATES_PER_CALL = 100;
    private static final int BIG_AGGREGATE = 1000;
    private static final int SNAPSHOT_AT = 949;

    private final BenchStore store;
    private final Settings settings;
    private final Profiler profiler;
    private final Report report;
    private final List<Integer> sizes;
    private final int persons;
    private final AtomicLong newIds = new AtomicLong();
    private final Map<Integer, Double> catchUpRates = new LinkedHashMap<>();
    private final List<List<String>> catchUpRows = new ArrayList<>();
    private final List<List<String>> commandRows = new ArrayList<>();
    private final List<String> fillNotes = new ArrayList<>();

    private IndexedMongoEventStorageEngine writer;
    private int aggregates;
    private long events;

    GrowingStoreBenchmark(BenchStore store, Settings settings, Profiler profiler, Report report, List<Integer> sizes) {
        this.store = store;
        this.settings = settings;
        this.profiler = profiler;
        this.report = report;
        this.sizes = sizes;
        this.persons = Math.max(1, sizes.get(sizes.size() - 1) / (3 * EVENTS_PER_AGGREGATE));
    }

    void run() throws Exception {
        String backend = store.label();
        writer = Engines.ours(store.database("grow"));
        IndexedMongoEventStorageEngine reader = Engines.reader(store.database("grow"));
        for (int size : sizes) {
            fillTo(size);
            catchUp(backend, "ours", size, reader);
            commands(backend, "ours", size, writer, settings.commandOps());
            if (size == sizes.get(0)) {
                axonContrast(backend, size);
            }
        }
        writeCatchUp(backend);
        writeCommands(backend);
        lookups(backend, sizes.get(sizes.size() - 1));
    }

    // ------------------------------------------------------------------ fill

    private void fillTo(int size) {
        long begin = System.nanoTime();
        long before = events;
        while (events < size) {
            int count = (int) Math.min(AGGREGATES_PER_CALL, Math.max(1, (size - events) / EVENTS_PER_AGGREGATE));
            writer.appendEvents(fillBatch(aggregates, count));
            aggregates += count;
            events += (long) count * EVENTS_PER_AGGREGATE;
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        String note = String.format("%,d → %,d events in %.1f s (%,.0f events/s)", before, events, seconds,
                (events - before) / Math.max(seconds, 1e-9));
        fillNotes.add(note);
        System.out.println("fill " + store.label() + ": " + note);
    }

    private List<DomainEventMessage<?>> fillBatch(int firstAggregate, int count) {
        List<DomainEventMessage<?>> batch = new ArrayList<>(count * EVENTS_PER_AGGREGATE);
        for (int a = firstAggregate; a < firstAggregate + count; a++) {
            batch.addAll(BenchEvents.readings("c-" + a, 0, EVENTS_PER_AGGREGATE, person(a)));
        }
        return batch;
    }

    private String person(int aggregate) {
        return "p-" + aggregate % persons;
    }

    // ------------------------------------------------------------------ catch-up

    private void catchUp(String backend, String engineName, int size, EventStorageEngine engine) throws Exception {
        List<Measure.Rate> runs = new ArrayList<>();
        catchUpPass(engine, settings.catchUpRun().dividedBy(4));
        for (int run = 0; run < settings.runs(); run++) {
            try (AutoCloseable ignored = profiler.phase(catchUpPhase(backend, engineName, size))) {
                runs.add(catchUpPass(engine, settings.catchUpRun()));
            }
            System.out.printf("catch-up %s %s %,d: %,.0f events/s%n", backend, engineName, size, runs.get(run).perSecond());
        }
        double median = Measure.median(runs.stream().map(Measure.Rate::perSecond).toList());
        if (engineName.equals("ours")) {
            catchUpRates.put(size, median);
        }
        catchUpRows.add(List.of(engineName, f0(size), f0(median) + "/s", list(runs),
                engineName.equals("ours") ? pct(median / catchUpRates.values().iterator().next()) : "—",
                f1(Measure.median(runs.stream().map(r -> r.commandsPerOp() * 1000).toList()))));
    }

    /** Whole passes from the tail, each event's payload and metadata deserialized, for at least {@code min}. */
    private Measure.Rate catchUpPass(EventStorageEngine engine, Duration min) {
        long commandsBefore = store.commands();
        long begin = System.nanoTime();
        long seen = 0;
        long[] count = new long[1];
        Consumer<TrackedEventMessage<?>> handler = e -> {
            e.getPayload();
            e.getMetaData();
            count[0]++;
        };
        do {
            count[0] = 0;
            engine.readEvents(null, false).forEach(handler);
            if (count[0] == 0) {
                throw new IllegalStateException("catch-up read nothing");
            }
            seen += count[0];
        } while (System.nanoTime() - begin < min.toNanos());
        long nanos = System.nanoTime() - begin;
        return new Measure.Rate(seen * 1e9 / nanos, seen, nanos, 0, (double) (store.commands() - commandsBefore) / seen);
    }

    static String catchUpPhase(String backend, String engine, int size) {
        return "catch-up/" + backend + "/" + engine + "/" + size;
    }

    private void writeCatchUp(String backend) {
        report.line("### 3. Catch-up from the tail (" + backend + " backend)").blank();
        report.line("A read-only engine (another service's tracking processor) reads `readEvents(null, false)` to the end, "
                + "deserializing every payload and metadata; a run repeats whole passes for at least "
                + settings.catchUpRun().toMillis() + " ms. The baseline is the rate at the smallest size, in this run.").blank();
        report.table(List.of("engine", "events stored", "median", "runs", "vs smallest size", "round trips per 1,000 events"),
                catchUpRows);
        int smallest = sizes.get(0);
        int largest = sizes.get(sizes.size() - 1);
        double ratio = catchUpRates.get(largest) / catchUpRates.get(smallest);
        report.goal("catch-up " + backend + ": events/s at " + f0(largest) + " within 25 % of " + f0(smallest),
                ratio >= 0.75, pct(ratio), catchUpPhase(backend, "ours", largest), catchUpPhase(backend, "ours", smallest));
    }

    // ------------------------------------------------------------------ commands

    private void commands(String backend, String engineName, int size, EventStorageEngine engine, int ops) throws Exception {
        Measure.Op newAggregate = (t, i) -> {
            int p = ThreadLocalRandom.current().nextInt(persons);
            engine.appendEvents(List.of(BenchEvents.reading("new-" + newIds.incrementAndGet(), 0, "p-" + p)));
        };
        Measure.Op existing = (t, i) -> {
            int a = ThreadLocalRandom.current().nextInt(aggregates);
            String id = "c-" + a;
            long last = Engines.load(engine, id);
            if (last < EVENTS_PER_AGGREGATE - 1) {
                throw new IllegalStateException(id + " loaded only up to " + last);
            }
            engine.appendEvents(List.of(BenchEvents.reading(id, last + 1, person(a))));
        };
        long eventsAtStart = events;
        Measure.rate(1, Duration.ofMinutes(2), Math.max(10, ops / 5), store::commands, newAggregate);
        Measure.rate(1, Duration.ofMinutes(2), Math.max(10, ops / 5), store::commands, existing);
        events += 2L * Math.max(10, ops / 5);
        List<Measure.Rate> news = new ArrayList<>();
        List<Measure.Rate> olds = new ArrayList<>();
        for (int run = 0; run < settings.runs(); run++) {
            boolean newFirst = run % 2 == 0;
            for (int k = 0; k < 2; k++) {
                boolean isNew = (k == 0) == newFirst;
                try (AutoCloseable ignored = profiler.phase(commandPhase(backend, engineName, size, isNew))) {
                    Measure.Rate rate = Measure.rate(1, Duration.ofMinutes(5), ops, store::commands, isNew ? newAggregate : existing);
                    (isNew ? news : olds).add(rate);
                    events += rate.ops();
                    System.out.printf("commands %s %s %,d %s: %,.0f/s%n", backend, engineName, size,
                            isNew ? "new" : "existing", rate.perSecond());
                }
            }
        }
        double newMedian = Measure.median(news.stream().map(Measure.Rate::perSecond).toList());
        double oldMedian = Measure.median(olds.stream().map(Measure.Rate::perSecond).toList());
        long errors = news.stream().mapToLong(Measure.Rate::errors).sum() + olds.stream().mapToLong(Measure.Rate::errors).sum();
        commandRows.add(List.of(engineName, f0(eventsAtStart) + " → " + f0(events), f0(newMedian) + "/s", list(news),
                f0(oldMedian) + "/s", list(olds), "**" + pct(oldMedian / newMedian) + "**",
                f1(Measure.median(news.stream().map(Measure.Rate::commandsPerOp).toList())) + " / "
                        + f1(Measure.median(olds.stream().map(Measure.Rate::commandsPerOp).toList())),
                Long.toString(errors)));
        if (engineName.equals("ours")) {
            report.goal("commands on existing aggregates " + backend + " at " + f0(size) + " events ≥ 50 % of new-aggregate rate",
                    oldMedian / newMedian >= 0.5, pct(oldMedian / newMedian),
                    commandPhase(backend, engineName, size, false), commandPhase(backend, engineName, size, true));
        }
    }

    static String commandPhase(String backend, String engine, int size, boolean isNew) {
        return "commands/" + backend + "/" + engine + "/" + size + "/" + (isNew ? "new" : "existing");
    }

    private void writeCommands(String backend) {
        report.line("### 2. Commands on existing aggregates (" + backend + " backend)").blank();
        report.line("A command on an existing aggregate = `readEvents(aggregateId)` (every payload deserialized) + append "
                + "of the next event; the aggregate is picked at random among the store's 10-event aggregates. The baseline is "
                + "a command creating a new aggregate (one-event commit), measured in the same store, in alternating runs of "
                + f0(settings.commandOps()) + " commands (axon-mongo: " + settings.axonCommandOps() + "). Every event names "
                + "one person, so each append also updates the per-person index. Store sizes are events at the start → "
                + "at the end of the measurement.").blank();
        report.table(List.of("engine", "events stored", "new aggregates", "runs", "existing aggregates", "runs",
                "existing vs new", "round trips/op (new / existing)", "failed ops"), commandRows);
        report.line("Fill (our engine, " + AGGREGATES_PER_CALL + " aggregates × " + EVENTS_PER_AGGREGATE
                + " events per append call): " + String.join("; ", fillNotes) + ".").blank();
    }

    // ------------------------------------------------------------------ axon-mongo at the smallest size

    private void axonContrast(String backend, int size) throws Exception {
        EventStorageEngine axon = Engines.axon(store.database("grow_axon"));
        long begin = System.nanoTime();
        for (int a = 0; a < size / EVENTS_PER_AGGREGATE; a += AGGREGATES_PER_CALL) {
            axon.appendEvents(fillBatch(a, Math.min(AGGREGATES_PER_CALL, size / EVENTS_PER_AGGREGATE - a)));
        }
        fillNotes.add(String.format("axon-mongo 0 → %,d events in %.1f s", size, (System.nanoTime() - begin) / 1e9));
        int savedAggregates = aggregates;
        long savedEvents = events;
        aggregates = size / EVENTS_PER_AGGREGATE;
        events = size;
        try {
            catchUp(backend, "axon-mongo", size, axon);
            commands(backend, "axon-mongo", size, axon, settings.axonCommandOps());
        } finally {
            aggregates = savedAggregates;
            events = savedEvents;
        }
    }

    // ------------------------------------------------------------------ item 4

    private void lookups(String backend, int size) throws Exception {
        String big = "big-" + backend;
        for (int seq = 0; seq < BIG_AGGREGATE; seq++) {
            writer.appendEvents(List.of(BenchEvents.reading(big, seq, null)));
        }
        writer.storeSnapshot(BenchEvents.snapshot(big, SNAPSHOT_AT));
        MongoCollection<Document> commits = store.database("grow").getCollection(IndexedMongoEventStorageEngine.COMMITS);

        Map<String, Measure.Op> ops = new LinkedHashMap<>();
        ops.put("raw key look-up (baseline)", (t, i) -> {
            int a = ThreadLocalRandom.current().nextInt(aggregates);
            if (commits.find(eq("a", "c-" + a + "/0")).first() == null) {
                throw new IllegalStateException("no commit c-" + a);
            }
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
            String p = "p-" + ThreadLocalRandom.current().nextInt(persons);
            check(!writer.personEventIndexes(p).isEmpty(), p + " has no events");
        });
        ops.put("person look-up: `readPersonEvents`", (t, i) -> {
            String p = "p-" + ThreadLocalRandom.current().nextInt(persons);
            List<? extends TrackedEventMessage<?>> found = writer.readPersonEvents(p);
            found.forEach(TrackedEventMessage::getPayload);
            check(!found.isEmpty(), p + " has no events");
        });
        Map<String, List<Measure.Latency>> results = new LinkedHashMap<>();
        ops.keySet().forEach(k -> results.put(k, new ArrayList<>()));
        for (Map.Entry<String, Measure.Op> op : ops.entrySet()) {
            Measure.latency(samples(op.getKey()) / 5 + 1, store::commands, op.getValue());
        }
        for (int run = 0; run < settings.runs(); run++) {
            for (Map.Entry<String, Measure.Op> op : ops.entrySet()) {
                try (AutoCloseable ignored = profiler.phase("lookups/" + backend + "/" + op.getKey())) {
                    Measure.Latency latency = Measure.latency(samples(op.getKey()), store::commands, op.getValue());
                    results.get(op.getKey()).add(latency);
                    System.out.printf("lookup %s %s: p50 %.0f µs p99 %.0f µs%n", backend, op.getKey(), latency.p50(), latency.p99());
                }
            }
        }
        double baseline = Measure.median(results.get("raw key look-up (baseline)").stream().map(Measure.Latency::p50).toList());
        List<List<String>> rows = new ArrayList<>();
        results.forEach((name, runs) -> {
            double p50 = Measure.median(runs.stream().map(Measure.Latency::p50).toList());
            double p99 = Measure.median(runs.stream().map(Measure.Latency::p99).toList());
            rows.add(List.of(name, ms(p50), ms(p99),
                    runs.stream().map(r -> ms(r.p50()) + " / " + ms(r.p99())).reduce((a, b) -> a + "; " + b).orElse(""),
                    String.format("%.1f×", p50 / baseline),
                    f1(Measure.median(runs.stream().map(Measure.Latency::commandsPerOp).toList())),
                    Long.toString(runs.get(0).count())));
        });
        report.line("### 4. Aggregate load and per-person look-up (" + backend + " backend, " + f0(events + BIG_AGGREGATE)
                + " events stored)").blank();
        report.line("The 1,000-event aggregate was written as 1,000 one-event commits (as commands write it), with a snapshot "
                + "after event #950, so the snapshot load reads the snapshot and 50 events. Persons are named by "
                + "3 aggregates each (" + 3 * EVENTS_PER_AGGREGATE + " events, 3 commits spread over the store), "
                + f0(persons) + " persons. The baseline is one `find` on a unique key returning one 10-event commit, "
                + "in the same store. Latencies are medians over the runs of each run's p50 and p99.").blank();
        report.table(List.of("operation", "p50", "p99", "runs (p50 / p99)", "p50 vs baseline", "round trips/op", "samples/run"), rows);
        double without = Measure.median(results.get("load 1,000 events, no snapshot").stream().map(Measure.Latency::p50).toList());
        double with = Measure.median(results.get("load 1,000 events, snapshot at #950").stream().map(Measure.Latency::p50).toList());
        report.line(String.format("The snapshot makes the 1,000-event load %.1f× faster (p50).", without / with)).blank();
    }

    private int samples(String op) {
        return op.startsWith("load") ? settings.loadSamples() : settings.lookupSamples();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private static String ms(double micros) {
        return micros >= 10_000 ? f0(micros / 1000) + " ms" : String.format("%.2f ms", micros / 1000);
    }

    private static String list(List<Measure.Rate> runs) {
        return runs.stream().map(r -> f0(r.perSecond())).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
