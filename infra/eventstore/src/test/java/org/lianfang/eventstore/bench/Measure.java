package org.lianfang.eventstore.bench;

import org.HdrHistogram.Histogram;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/** Timed runs: throughput of an operation on n threads, and latency percentiles. */
final class Measure {

    private Measure() {
    }

    /** One operation; {@code thread} and {@code i} let it pick distinct keys without sharing state. */
    @FunctionalInterface
    interface Op {
        void run(int thread, long i) throws Exception;
    }

    /**
     * A throughput run: operations per second. {@code nanos} includes {@code drainNanos}, the time
     * the run's background work took to finish after its last operation; {@code gcMillis} is the
     * collectors' time during the run.
     */
    record Rate(double perSecond, long ops, long nanos, long errors, long drainNanos, long gcMillis) {

        Rate(double perSecond, long ops, long nanos, long errors) {
            this(perSecond, ops, nanos, errors, 0, 0);
        }

        /** For the run's line on standard output. */
        String notes() {
            return String.format("(drain %d ms, GC %d ms)", drainNanos / 1_000_000, gcMillis);
        }
    }

    /**
     * A throughput run that ends when the work it caused is done and, on the memory backend,
     * starts on a collected heap.
     *
     * <p>{@code collectFirst}: a full collection first, as JMH's {@code -gc true}. The memory
     * backend keeps every stored document as objects in this JVM, so a young collection costs
     * 50–370 ms here, and in 1.2-s runs it fell into about half of them, on whichever contender
     * came after the garbage (the "bimodal" 4-thread runs of sessions 11 and 12). Not on H2: there
     * a forced full collection made the store stall for up to a second in the next run (runs of
     * 25–405/s among 2,000/s, measured; none without it).
     *
     * <p>{@code drain}: a contender's background work (our engine's person index catching up),
     * run after the last operation and timed as part of the run, so the run that caused the work
     * pays for it, not the contender that runs next.
     */
    static Rate settledRate(int threads, Duration duration, long maxOpsPerThread, Op op, Runnable drain,
                            boolean collectFirst) {
        if (collectFirst) {
            System.gc();
        }
        long gcBefore = gcMillis();
        Rate run = rate(threads, duration, maxOpsPerThread, op);
        long drainBegin = System.nanoTime();
        drain.run();
        long drainNanos = System.nanoTime() - drainBegin;
        long nanos = run.nanos() + drainNanos;
        return new Rate(run.ops() * 1e9 / nanos, run.ops(), nanos, run.errors(), drainNanos, gcMillis() - gcBefore);
    }

    /**
     * Two operations in one run on this thread, taking turns ({@code a}, {@code b}, {@code a}, …)
     * until each ran {@code opsEach} times or {@code duration} passed; each is timed on its own.
     * Whatever slows the store for a while — a collection, the H2 store rewriting its file in the
     * background, another process on this shared machine — then falls on both in proportion to
     * their time (in expectation: one pause still lands on one command, so runs must be long
     * against the pauses; see docs/benchmarks.md, session 14), not on whichever had its own run
     * at that moment: measured in separate
     * alternating runs of 500 commands on H2, the raw driver's own existing-vs-new ratio came out
     * at 105 %, 45 % and 28 % in three runs of one build, its runs with a collection at a third
     * of the rate of the others. The drain after the last operation is shared between the two
     * in proportion to their operations.
     *
     * @return the rates of {@code a} and of {@code b}; each run's {@code gcMillis} is the whole run's
     */
    static Rate[] interleaved(Duration duration, long opsEach, Op a, Op b, Runnable drain, boolean collectFirst) {
        if (collectFirst) {
            System.gc();
        }
        long gcBefore = gcMillis();
        long[] nanos = new long[2];
        long[] done = new long[2];
        long[] errors = new long[2];
        Throwable firstError = null;
        Op[] ops = {a, b};
        long deadline = System.nanoTime() + duration.toNanos();
        for (long i = 0; i < 2 * opsEach && System.nanoTime() < deadline; i++) {
            int which = (int) (i % 2);
            long begin = System.nanoTime();
            try {
                ops[which].run(0, i / 2);
                done[which]++;
            } catch (Throwable e) {
                errors[which]++;
                firstError = firstError == null ? e : firstError;
            }
            nanos[which] += System.nanoTime() - begin;
        }
        long drainBegin = System.nanoTime();
        drain.run();
        long drainNanos = System.nanoTime() - drainBegin;
        if (firstError != null) {
            System.err.println("  " + (errors[0] + errors[1]) + " failed operations, first: " + firstError);
        }
        long gc = gcMillis() - gcBefore;
        long total = Math.max(1, done[0] + done[1]);
        Rate[] rates = new Rate[2];
        for (int k = 0; k < 2; k++) {
            long share = drainNanos * done[k] / total;
            long time = Math.max(1, nanos[k] + share);
            rates[k] = new Rate(done[k] * 1e9 / time, done[k], time, errors[k], share, gc);
        }
        return rates;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** A latency run, in microseconds. */
    record Latency(double p50, double p99, long count) {
    }

    /**
     * Runs {@code op} on {@code threads} threads until {@code duration} has passed or each thread
     * did {@code maxOpsPerThread}. Failed operations are counted, not retried.
     */
    static Rate rate(int threads, Duration duration, long maxOpsPerThread, Op op) {
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        AtomicLong ops = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        long[] deadline = new long[1];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                await(start);
                long i = 0;
                while (i < maxOpsPerThread && System.nanoTime() < deadline[0]) {
                    try {
                        op.run(thread, i);
                        ops.incrementAndGet();
                    } catch (Throwable e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e);
                    }
                    i++;
                }
            }, "bench-" + t);
            workers.add(worker);
            worker.start();
        }
        long begin = System.nanoTime();
        deadline[0] = begin + duration.toNanos();
        await(start);
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        long nanos = System.nanoTime() - begin;
        long done = ops.get();
        if (firstError.get() != null) {
            System.err.println("  " + errors.get() + " failed operations, first: " + firstError.get());
        }
        return new Rate(done * 1e9 / nanos, done, nanos, errors.get());
    }

    /** Runs {@code op} {@code count} times on this thread and records each call's latency. */
    static Latency latency(int count, Op op) throws Exception {
        Histogram histogram = new Histogram(3);
        for (long i = 0; i < count; i++) {
            long begin = System.nanoTime();
            op.run(0, i);
            histogram.recordValue((System.nanoTime() - begin) / 1000);
        }
        return new Latency(histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                histogram.getTotalCount());
    }

    /**
     * The store commands one operation sends, counted by running {@code op} {@code count} times
     * on a client with a command listener — never the client of the timed runs, whose rates the
     * listener's per-command events would lower in proportion to the commands.
     */
    static double commandsPerOp(LongSupplier commands, int count, Op op) throws Exception {
        long before = commands.getAsLong();
        for (long i = 0; i < count; i++) {
            op.run(0, i);
        }
        return (double) (commands.getAsLong() - before) / count;
    }

    static double median(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
