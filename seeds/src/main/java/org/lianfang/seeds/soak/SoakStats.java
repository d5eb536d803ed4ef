package org.lianfang.seeds.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * What a soak measured, kept per request so that it can be cut by the minute of each request's
 * <em>scheduled</em> start (a request queued behind a slow one still belongs to the minute it was
 * due in, and its wait counts in its latency) and by operation. Thread-safe for recording.
 */
public final class SoakStats {

    private static final long MINUTE_NANOS = 60_000_000_000L;

    /** One request: when it was due (nanoseconds after the soak began), how long until its answer, and whether it was a 2xx. */
    public record Sample(String operation, long scheduledOffsetNanos, long latencyNanos, boolean ok) {
    }

    /** Requests, errors and latency percentiles (milliseconds, nearest rank) of a set of samples. */
    public record Summary(int requests, int errors, double p50Ms, double p99Ms, double maxMs) {
    }

    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

    public void record(Sample sample) {
        samples.add(sample);
    }

    /** By minute of the scheduled start, 0 for the first minute. */
    public Map<Integer, Summary> perMinute() {
        return group(s -> (int) (s.scheduledOffsetNanos() / MINUTE_NANOS));
    }

    /** By operation name, in name order. */
    public Map<String, Summary> perOperation() {
        return group(Sample::operation);
    }

    public Summary total() {
        return summarise(List.copyOf(samples));
    }

    private <K extends Comparable<K>> Map<K, Summary> group(Function<Sample, K> key) {
        Map<K, List<Sample>> groups = new TreeMap<>();
        for (Sample s : samples) {
            groups.computeIfAbsent(key.apply(s), k -> new ArrayList<>()).add(s);
        }
        Map<K, Summary> out = new TreeMap<>();
        groups.forEach((k, list) -> out.put(k, summarise(list)));
        return out;
    }

    static Summary summarise(List<Sample> list) {
        long[] latencies = list.stream().mapToLong(Sample::latencyNanos).sorted().toArray();
        int errors = (int) list.stream().filter(s -> !s.ok()).count();
        return new Summary(list.size(), errors, percentileMs(latencies, 0.50), percentileMs(latencies, 0.99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
    }

    /**
     * The nearest-rank percentile of sorted latencies in milliseconds: the smallest value with at
     * least {@code p} of the values at or below it (0 for no values).
     */
    static double percentileMs(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length, rank) - 1)] / 1e6;
    }
}
