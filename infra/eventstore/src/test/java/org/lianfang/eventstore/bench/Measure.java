package org.lianfang.eventstore.bench;

import org.HdrHistogram.Histogram;

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

    /** A throughput run: operations per second. */
    record Rate(double perSecond, long ops, long nanos, long errors) {
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
