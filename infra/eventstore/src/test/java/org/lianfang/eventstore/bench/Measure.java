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

    /** A command this long or longer stalled: 10–30× a typical command on either backend. */
    static final long STALL = 20_000_000;

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
     * collectors' time during the run. For {@link #interleaved} runs, {@code perSecond} charges the
     * collectors' pauses to both operations in proportion to their time, {@code asTimed} is the
     * rate with each pause where it fell, and {@code pausedMillis} how much of the pauses fell into
     * this operation's own commands; {@code p50Micros} is its median command and
     * {@code stalledMillis} the time of its commands that took {@link #STALL} or more.
     */
    record Rate(double perSecond, long ops, long nanos, long errors, long drainNanos, long gcMillis,
                double asTimed, long pausedMillis, double p50Micros, long stalledMillis) {

        Rate(double perSecond, long ops, long nanos, long errors, long drainNanos, long gcMillis) {
            this(perSecond, ops, nanos, errors, drainNanos, gcMillis, perSecond, 0, 0, 0);
        }

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
     * Whatever slows the store for a while — the H2 store rewriting its file in the background,
     * another process on this shared machine — then falls on both, not on whichever had its own
     * run at that moment (the machine's load in proportion to their time; the H2 store's
     * compaction stalls on the writes, one per command of either kind, so about alike; see
     * docs/benchmarks.md, session 15): measured in separate alternating runs of
     * 500 commands on H2, the raw driver's own existing-vs-new ratio came out at 105 %, 45 % and
     * 28 % in three runs of one build, its runs with a collection at a third of the rate of the
     * others.
     *
     * <p>A collection's pause is the exception: it stops this JVM for 100–350 ms (H2 backend),
     * longer than a hundred commands, and still lands on the one command it fell into — in runs of
     * 500 commands of each kind, one pause moved that kind's rate by a fifth (session 14). So the
     * pauses are taken out of the commands they fell into ({@link Pauses}, from the JVM's own
     * reports) and charged to both operations in proportion to the rest of their time, as their
     * allocations caused them; {@link Rate#asTimed()} keeps the rate as timed. The drain after the
     * last operation is shared between the two in proportion to their operations.
     *
     * @return the rates of {@code a} and of {@code b}; each run's {@code gcMillis} is the whole run's
     */
    static Rate[] interleaved(Duration duration, long opsEach, Op a, Op b, Runnable drain, boolean collectFirst) {
        if (collectFirst) {
            System.gc();
        }
        Pauses.start();
        long gcBefore = gcMillis();
        int max = (int) Math.min(Integer.MAX_VALUE - 8, 2 * opsEach);
        long[] begins = new long[max];
        long[] ends = new long[max];
        long[] nanos = new long[2];
        long[] done = new long[2];
        long[] errors = new long[2];
        Throwable firstError = null;
        Op[] ops = {a, b};
        long deadline = System.nanoTime() + duration.toNanos();
        int n = 0;
        for (; n < max && System.nanoTime() < deadline; n++) {
            int which = n % 2;
            begins[n] = System.nanoTime();
            try {
                ops[which].run(0, n / 2);
                done[which]++;
            } catch (Throwable e) {
                errors[which]++;
                firstError = firstError == null ? e : firstError;
            }
            ends[n] = System.nanoTime();
            nanos[which] += ends[n] - begins[n];
        }
        long drainBegin = System.nanoTime();
        drain.run();
        long drainEnd = System.nanoTime();
        if (firstError != null) {
            System.err.println("  " + (errors[0] + errors[1]) + " failed operations, first: " + firstError);
        }
        long gc = gcMillis() - gcBefore;
        // the collectors' pauses inside each kind's commands and inside the drain
        long[] paused = new long[3];
        for (Pauses.Pause pause : Pauses.between(n == 0 ? drainBegin : begins[0], drainEnd)) {
            for (int i = 0; i < n; i++) {
                paused[i % 2] += pause.overlap(begins[i], ends[i]);
            }
            paused[2] += pause.overlap(drainBegin, drainEnd);
        }
        // each kind's typical command, and the time of its commands that stalled
        double[] p50 = new double[2];
        long[] stalled = new long[2];
        for (int k = 0; k < 2; k++) {
            long[] each = new long[(n + 1 - k) / 2];
            int c = 0;
            for (int i = k; i < n; i += 2) {
                long time = ends[i] - begins[i];
                each[c++] = time;
                stalled[k] += time >= STALL ? time : 0;
            }
            Arrays.sort(each);
            p50[k] = c == 0 ? 0 : each[c / 2] / 1e3;
        }
        long[] times = spread(nanos, paused, drainEnd - drainBegin, done);
        long total = Math.max(1, done[0] + done[1]);
        Rate[] rates = new Rate[2];
        for (int k = 0; k < 2; k++) {
            long share = (drainEnd - drainBegin) * done[k] / total;
            rates[k] = new Rate(done[k] * 1e9 / times[k], done[k], times[k], errors[k], share, gc,
                    done[k] * 1e9 / Math.max(1, nanos[k] + share), paused[k] / 1_000_000, p50[k], stalled[k] / 1_000_000);
        }
        return rates;
    }

    /**
     * Each of two operations' time in an {@link #interleaved} run: its own commands' time without
     * the pauses that fell into them, its share of the drain by operations, and a share of all the
     * pauses (in its commands, the other's and the drain) in proportion to the rest.
     *
     * @param nanos     each operation's commands' time, as timed
     * @param paused    the pauses inside each operation's commands, then inside the drain
     * @param drainNanos the drain's time, as timed
     * @param done      each operation's count
     */
    static long[] spread(long[] nanos, long[] paused, long drainNanos, long[] done) {
        long total = Math.max(1, done[0] + done[1]);
        long drainWork = Math.max(0, drainNanos - paused[2]);
        long pausedAll = paused[0] + paused[1] + paused[2];
        long[] work = new long[2];
        for (int k = 0; k < 2; k++) {
            work[k] = Math.max(0, nanos[k] - paused[k]) + drainWork * done[k] / total;
        }
        long allWork = Math.max(1, work[0] + work[1]);
        long[] times = new long[2];
        for (int k = 0; k < 2; k++) {
            times[k] = Math.max(1, work[k] + pausedAll * work[k] / allWork);
        }
        return times;
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
