package org.lianfang.eventstore.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;

/**
 * The event store benchmark of issue 2: one run, one JVM, each section of a backend one store shared by all
 * contenders, every figure a median of at least three runs set against a baseline measured in
 * the same run. Run it with {@code bench/eventstore.sh}; it rewrites the event-store section of
 * {@code docs/benchmarks.md}. Not a test: nothing here runs in {@code mvn verify}.
 */
public final class EventStoreBenchmark {

    private EventStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Pauses.start(); // one forced collection, before any store exists
        long started = System.nanoTime();
        String loadBefore = loadAverage();
        Files.createDirectories(settings.work());
        String sanity = counterSanity(settings.work());
        System.out.println(sanity);

        Report memory = new Report();
        Report h2 = new Report();
        try (Profiler profiler = new Profiler(settings.work().resolve("eventstore-bench.jfr"))) {
            if (settings.backends().contains("memory")) {
                run(BenchStore.Kind.MEMORY, settings, profiler, memory, settings.memorySizes());
                // The memory store's million events are garbage now. Left to the collector, they made
                // every young collection of the H2 section 300-650 ms (100-250 ms when H2 runs alone),
                // in runs of 0.3-2 s. One full collection here, before the H2 store exists (a forced
                // collection while it runs stalls it: Measure.settledRate).
                long used = usedHeapMegabytes();
                System.gc();
                System.out.printf("heap between the sections: %,d MB, %,d MB after a full collection%n", used, usedHeapMegabytes());
            }
            if (settings.backends().contains("h2")) {
                run(BenchStore.Kind.H2, settings, profiler, h2, settings.h2Sizes());
            }
            List<Report.Goal> goals = new ArrayList<>(memory.goals());
            goals.addAll(h2.goals());
            Set<String> phases = new LinkedHashSet<>();
            goals.stream().filter(g -> !g.met()).forEach(g -> phases.addAll(g.phases()));
            phases.addAll(DIAGNOSTIC_PHASES);
            Map<String, Profiler.Profile> profiles = profiler.analyse(phases);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String section = document(settings, args, took, loadBefore, loadAverage(), sanity, goals, memory, h2, profiles);
            Report.writeSection(settings.out(), HEADER, section);
            System.out.println("Wrote " + settings.out().toAbsolutePath() + " in " + took.toSeconds() + " s");
        }
    }

    /**
     * The sections of one backend, each on a fresh store of its own: what one section leaves
     * behind must not fall on the next. On H2 that is the file's dead chunks, which MVStore's
     * background writer compacts for minutes once the writes stop — while the next section's
     * reads run (session 18: 0.4–1 s of its CPU in most 3-s catch-up runs for the 50 s a probe
     * watched, after fills of 110,000 events into a file that held 100,000 already); on memory it
     * is the heap the documents take (the append section's ~6 GB left the 1 M-event store too
     * little of the 8 GB heap).
     */
    private static void run(BenchStore.Kind kind, Settings settings, Profiler profiler, Report report, List<Integer> sizes)
            throws Exception {
        if (settings.sections().contains("append")) {
            section(kind, settings, store -> {
                AppendBenchmark append = new AppendBenchmark(store, settings, profiler, report);
                try {
                    append.run();
                } finally {
                    append.stopEngines();
                }
            });
            if (kind == BenchStore.Kind.MEMORY) {
                long used = usedHeapMegabytes();
                System.gc();
                System.out.printf("heap after the append section: %,d MB, %,d MB after a full collection%n", used, usedHeapMegabytes());
            }
        }
        if (settings.sections().contains("grow")) {
            section(kind, settings, store -> new GrowingStoreBenchmark(store, settings, profiler, report, sizes).run());
        }
    }

    private interface Section {
        void run(BenchStore store) throws Exception;
    }

    /** Runs {@code section} on a fresh store of {@code kind} (H2: in a new directory, deleted afterwards). */
    private static void section(BenchStore.Kind kind, Settings settings, Section section) throws Exception {
        Path dir = kind == BenchStore.Kind.H2 ? Files.createTempDirectory(settings.work(), "h2-") : settings.work();
        try (BenchStore store = BenchStore.start(kind, dir)) {
            section.run(store);
        } finally {
            if (kind == BenchStore.Kind.H2) {
                deleteRecursively(dir);
            }
        }
    }

    private static final String HEADER = """
            # Benchmarks

            Numbers measured on the shared development machine. They are only meaningful as ratios
            against the baselines measured in the same run: the machine has 2 cores shared with other
            workers, so absolute rates move from run to run.

            ## Event store

            Run `bench/eventstore.sh` (or `bench/eventstore.sh --quick` for 10 k / 100 k stores only,
            written to `infra/eventstore/target/bench/benchmarks-quick.md`). The generated part below is
            replaced by every full run.
            """;

    private static String document(Settings settings, String[] args, Duration took, String loadBefore, String loadAfter,
                                   String sanity, List<Report.Goal> goals, Report memory, Report h2,
                                   Map<String, Profiler.Profile> profiles) {
        Report doc = new Report();
        doc.line("### Run").blank();
        doc.line("- Command: `bench/eventstore.sh" + (args.length == 0 ? "" : " " + String.join(" ", args)) + "`"
                + (settings.quick() ? " (**quick mode**: small stores, short runs)" : "") + ", took " + took.toMinutes() + " min "
                + took.toSecondsPart() + " s.");
        doc.line("- Date: " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16) + " UTC.");
        doc.line("- Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + memTotal() + " RAM, **shared with other workers**: load average " + loadBefore + " at the start, "
                + loadAfter + " at the end (1/5/15 min).");
        doc.line("- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", heap max " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB; store, driver and engines share this JVM "
                + "(mongo-java-server 1.47.0 in-process, over loopback TCP, driver 5.5).");
        doc.line("- Store: " + STORE_NOTE);
        doc.line("- Counter check: " + sanity);
        doc.line("- Each figure is the median of " + settings.runs() + " runs (catch-up: " + settings.catchUpRuns()
                + "; all runs are listed), after a discarded warm-up run; contenders alternate within each round, in a "
                + "rotating order, so that the machine's noise hits them alike. Ratios are of medians. Every append and command "
                + "run ends when our engine's person index has caught up with it (timed, part of the run: a run pays for "
                + "the indexing it caused, not the run after it); on the memory backend it also starts after a full "
                + "garbage collection (as JMH's `-gc true`: that store keeps its documents as objects in this JVM, and a "
                + "collection falling into a 1.2-s run cost it 50–370 ms, on whichever contender came after the garbage; "
                + "not on H2, where a forced collection made the store stall in the next run; the H2 section starts after one "
                + "full collection, before its store exists, that clears away the memory section's store). Each section "
                + "(append; store sizes) runs on a fresh store of its backend: on H2 the file's dead chunks that one section "
                + "leaves are compacted in the background for minutes, during the next one's runs; on memory the append "
                + "section's ~6 GB of documents left the 1 M-event store too little heap. "
                + "Commands on new "
                + "and on existing aggregates take turns within each run (item 2).");
        doc.blank();
        doc.line("### Goals").blank();
        List<List<String>> rows = goals.stream().map(g -> List.of(g.name(), g.evidence(), Report.yes(g.met()))).toList();
        doc.table(List.of("goal", "this run", "verdict"), rows);
        doc.line(memory.body());
        doc.line(h2.body());
        List<Report.Goal> missed = goals.stream().filter(g -> !g.met()).toList();
        if (!missed.isEmpty()) {
            doc.line("### Profiles of the missed goals").blank();
            doc.line("JDK Flight Recorder, sampling every 2 ms, restricted to the runs of the named measurement. The store "
                    + "server runs in the same JVM, so its work is in the samples too; \"samples in native code\" counts "
                    + "samples of threads in native code (socket reads, selector waits, idle I/O threads included), "
                    + "a rough sign of time spent waiting for round trips rather than computing.").blank();
            Set<String> shown = new LinkedHashSet<>();
            for (Report.Goal goal : missed) {
                for (String phase : goal.phases()) {
                    if (shown.add(phase)) {
                        doc.line("#### `" + phase + "`" + (phase.equals(goal.phases().get(0)) ? " — " + goal.name() : " (its baseline)")).blank();
                        doc.line(Report.profileTable(profiles.get(phase)));
                    }
                }
            }
        }
        doc.line("### Diagnostic profiles").blank();
        doc.line("Appends naming a person who already has 10 k events (see the `busier person` rows).").blank();
        for (String phase : DIAGNOSTIC_PHASES) {
            Profiler.Profile profile = profiles.get(phase);
            if (profile != null && profile.cpuSamples() > 0) {
                doc.line("#### `" + phase + "`").blank();
                doc.line(Report.profileTable(profile));
            }
        }
        return doc.body();
    }

    /** Profiled in every run: the per-person index under a person with a long history. */
    private static final List<String> DIAGNOSTIC_PHASES = List.of(
            AppendBenchmark.phase("memory", "ours, 1 busier person", 1), AppendBenchmark.phase("H2", "ours, 1 busier person", 1));

    static final String STORE_NOTE = "the suite's `DevStore` (mongo-java-server 1.47.0) in process, one per backend and section, "
            + "shared by all contenders: memory backend, and the durable H2 backend (every write committed to the file "
            + "before it is acknowledged, group commit, no fsync). Both run each write command alone and deep-copy "
            + "every reply (`CommandIsolation`), which makes `findAndModify` atomic, so our engine's 4-thread runs "
            + "share the global-index counter safely.";

    /** Concurrent {@code $inc}s on the bare store and on the wrapped one: how many values were handed out twice. */
    private static String counterSanity(Path work) {
        StringBuilder s = new StringBuilder();
        {
            try (BenchStore store = BenchStore.start(BenchStore.Kind.MEMORY, work)) {
                MongoCollection<Document> counter = store.database("sanity").getCollection("counter");
                Set<Long> seen = ConcurrentHashMap.newKeySet();
                AtomicLong duplicates = new AtomicLong();
                Measure.Rate rate = Measure.rate(4, Duration.ofSeconds(30), 2_000, (t, i) -> {
                    Document c = counter.findOneAndUpdate(eq("_id", "g"), Updates.inc("v", 1L),
                            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                    if (!seen.add(c.getLong("v"))) {
                        duplicates.incrementAndGet();
                    }
                });
                s.append("4 threads × 2,000 `findOneAndUpdate($inc)` on the memory backend handed out ")
                        .append(duplicates.get()).append(" of ").append(rate.ops()).append(" values twice");
            }
        }
        return s.append('.').toString();
    }

    private static long usedHeapMegabytes() {
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memTotal() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith("MemTotal")).map(l -> Long.parseLong(l.replaceAll("\\D", "")) / (1 << 20))
                    .map(g -> g + " GB").findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
