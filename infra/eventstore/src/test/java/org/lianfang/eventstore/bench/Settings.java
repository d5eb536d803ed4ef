package org.lianfang.eventstore.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one run measures and for how long.
 *
 * @param runs          measured runs per measurement (the report gives their median)
 * @param appendRun     length of one append run
 * @param memorySizes   store sizes (events) for the memory backend
 * @param h2Sizes       store sizes (events) for the H2 backend
 * @param commandOps    commands per run on our engine (new and existing aggregates each)
 * @param axonCommandOps commands per run on axon-mongo, which is much slower on existing ones
 * @param catchUpRun    minimum length of one catch-up run (whole passes over the store)
 * @param out           the Markdown file to update
 */
record Settings(boolean quick, int runs, Duration appendRun, List<Integer> memorySizes, List<Integer> h2Sizes,
                int commandOps, int axonCommandOps, Duration catchUpRun, int loadSamples, int lookupSamples,
                Path out, Path work) {

    static Settings parse(String[] args) {
        boolean quick = false;
        Path out = null;
        Path work = Path.of("target", "bench");
        int runs = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                        + " (use --quick, --runs N, --out FILE, --work DIR)");
            }
        }
        if (runs < 3) {
            throw new IllegalArgumentException("The report gives medians of at least 3 runs");
        }
        if (out == null) {
            out = quick ? work.resolve("benchmarks-quick.md") : Path.of("docs", "benchmarks.md");
        }
        return quick
                ? new Settings(true, runs, Duration.ofMillis(800), List.of(10_000, 100_000), List.of(10_000, 100_000),
                300, 60, Duration.ofMillis(800), 50, 300, out, work)
                : new Settings(false, runs, Duration.ofMillis(1500), List.of(10_000, 100_000, 1_000_000),
                List.of(10_000, 100_000), 500, 100, Duration.ofMillis(1500), 100, 1000, out, work);
    }
}
