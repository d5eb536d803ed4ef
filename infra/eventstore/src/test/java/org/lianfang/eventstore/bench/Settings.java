package org.lianfang.eventstore.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one run measures and for how long.
 *
 * @param runs          measured runs per measurement (the report gives their median)
 * @param catchUpRuns   measured catch-up runs per store size (a pass over 1 M events takes ~15 s)
 * @param appendRun     length of one append run
 * @param memorySizes   store sizes (events) for the memory backend
 * @param h2Sizes       store sizes (events) for the H2 backend
 * @param commandOps    commands per run on our engine (new and existing aggregates each)
 * @param axonCommandOps commands per run on axon-mongo, which is much slower on existing ones
 * @param catchUpRun    minimum length of one catch-up run (whole passes over the store)
 * @param out           the Markdown file to update
 * @param backends      which backends to run (memory, h2); a partial run is for iteration only
 * @param sections      which sections to run (append: item 1; grow: items 2 to 4)
 */
record Settings(boolean quick, int runs, int catchUpRuns, Duration appendRun, List<Integer> memorySizes, List<Integer> h2Sizes,
                int commandOps, int axonCommandOps, Duration catchUpRun, int loadSamples, int lookupSamples,
                Path out, Path work, List<String> backends, List<String> sections) {

    static Settings parse(String[] args) {
        boolean quick = false;
        Path out = null;
        Path work = Path.of("infra", "eventstore", "target", "bench");
        Integer runsArg = null;
        List<String> backends = List.of("memory", "h2");
        List<String> sections = List.of("append", "grow");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--runs" -> runsArg = Integer.parseInt(args[++i]);
                case "--backends" -> backends = List.of(args[++i].toLowerCase().split(","));
                case "--sections" -> sections = List.of(args[++i].toLowerCase().split(","));
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                        + " (use --quick, --runs N, --out FILE, --work DIR, --backends memory,h2, --sections append,grow)");
            }
        }
        int runs = runsArg != null ? runsArg : quick ? 3 : 5;
        if (runs < 3) {
            throw new IllegalArgumentException("The report gives medians of at least 3 runs");
        }
        boolean partial = backends.size() < 2 || sections.size() < 2;
        if (out == null) {
            out = quick || partial ? work.resolve("benchmarks-quick.md") : Path.of("docs", "benchmarks.md");
        }
        return quick
                ? new Settings(true, runs, 3, Duration.ofMillis(800), List.of(10_000, 100_000), List.of(10_000, 100_000),
                300, 60, Duration.ofMillis(800), 50, 300, out, work, backends, sections)
                : new Settings(false, runs, 5, Duration.ofMillis(1200), List.of(10_000, 100_000, 1_000_000),
                List.of(10_000, 100_000), 500, 100, Duration.ofMillis(3000), 100, 1000, out, work, backends, sections);
    }
}
