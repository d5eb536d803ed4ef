package org.lianfang.eventstore.bench;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A JDK Flight Recorder recording of the whole run, with named phases, so that a measurement
 * that missed its goal can be explained by the frames its samples were in. The store runs in
 * this JVM, so its server-side work shows up too.
 */
final class Profiler implements AutoCloseable {

    private record Interval(Instant start, Instant end, String phase) {
    }

    /** Where the samples of one phase were. */
    record Profile(String phase, long cpuSamples, long nativeSamples, double gcPauseMillis, double forcedGcMillis,
                   Map<String, Long> byArea, Map<String, Long> topSelf, Map<String, Long> topInclusive) {
    }

    private final Recording recording;
    private final List<Interval> intervals = new ArrayList<>();
    private final Path file;

    Profiler(Path file) {
        this.file = file;
        this.recording = new Recording();
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
        recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(10));
        recording.enable("jdk.GarbageCollection");
        recording.setToDisk(true);
        recording.start();
    }

    /** Marks the time until {@code close()} as belonging to {@code phase}. */
    AutoCloseable phase(String phase) {
        Instant start = Instant.now();
        return () -> {
            synchronized (intervals) {
                intervals.add(new Interval(start, Instant.now(), phase));
            }
        };
    }

    /** Stops recording and summarises the phases whose names are given. */
    Map<String, Profile> analyse(Set<String> phases) throws IOException {
        recording.stop();
        recording.dump(file);
        List<Interval> wanted = intervals.stream().filter(i -> phases.contains(i.phase))
                .sorted(Comparator.comparing(Interval::start)).toList();
        Map<String, Acc> acc = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String name = event.getEventType().getName();
            Interval interval = find(wanted, event.getStartTime());
            if (interval == null) {
                continue;
            }
            Acc a = acc.computeIfAbsent(interval.phase, p -> new Acc());
            switch (name) {
                case "jdk.ExecutionSample" -> a.cpu(event.getStackTrace());
                case "jdk.NativeMethodSample" -> a.nativeSamples++;
                case "jdk.GarbageCollection" -> {
                    double pause = event.getDuration("sumOfPauses").toNanos() / 1e6;
                    if (forced(event.getString("cause"))) {
                        a.forcedGc += pause;
                    } else {
                        a.gcPause += pause;
                    }
                }
                default -> {
                }
            }
        }
        Map<String, Profile> result = new LinkedHashMap<>();
        for (String phase : phases) {
            Acc a = acc.getOrDefault(phase, new Acc());
            result.put(phase, new Profile(phase, a.cpuSamples, a.nativeSamples, a.gcPause, a.forcedGc,
                    top(a.byArea, 12), top(a.self, 10), top(a.inclusive, 20)));
        }
        return result;
    }

    /**
     * Whether a collection was asked for ({@code System.gc()}): the full collection a measurement
     * runs before its timed operations falls inside its phase but not inside its time, so it is
     * reported apart (until session 20 it was counted with the pauses: 14 s "GC pauses" for five
     * 1.2-s runs).
     */
    static boolean forced(String cause) {
        return "System.gc()".equals(cause);
    }

    private static Interval find(List<Interval> sorted, Instant at) {
        int lo = 0;
        int hi = sorted.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Interval i = sorted.get(mid);
            if (at.isBefore(i.start)) {
                hi = mid - 1;
            } else if (at.isAfter(i.end)) {
                lo = mid + 1;
            } else {
                return i;
            }
        }
        return null;
    }

    private static Map<String, Long> top(Map<String, Long> counts, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    private static final class Acc {
        long cpuSamples;
        long nativeSamples;
        double gcPause;
        double forcedGc;
        final Map<String, Long> byArea = new TreeMap<>();
        final Map<String, Long> self = new HashMap<>();
        final Map<String, Long> inclusive = new HashMap<>();

        void cpu(RecordedStackTrace stack) {
            if (stack == null || stack.getFrames().isEmpty()) {
                return;
            }
            cpuSamples++;
            List<RecordedFrame> frames = stack.getFrames();
            RecordedMethod leaf = frames.get(0).getMethod();
            self.merge(name(leaf), 1L, Long::sum);
            byArea.merge(area(frames), 1L, Long::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String type = frame.getMethod().getType().getName();
                if (type.startsWith("org.lianfang.eventstore.") && !type.startsWith("org.lianfang.eventstore.bench.")
                        || type.startsWith("de.bwaldvogel.") || type.startsWith("org.axonframework.")
                        || type.startsWith("org.lianfang.devstore.")) {
                    String method = name(frame.getMethod());
                    if (!method.contains("lambda$") && !frame.getMethod().isHidden() && seen.add(method)) {
                        inclusive.merge(method, 1L, Long::sum);
                    }
                }
            }
        }

        /**
         * The component a sample is charged to: the dev store's reply copies by name, otherwise
         * the innermost frame outside the JDK decides.
         */
        private static String area(List<RecordedFrame> frames) {
            for (RecordedFrame frame : frames) {
                RecordedMethod method = frame.getMethod();
                if (method.getType().getName().equals("org.lianfang.devstore.CommandIsolation") && method.getName().equals("copy")) {
                    return "store: DevStore reply copies (CommandIsolation)";
                }
            }
            for (RecordedFrame frame : frames) {
                String type = frame.getMethod().getType().getName();
                String area = areaOf(type);
                if (area != null) {
                    return area;
                }
            }
            return "JDK only";
        }

        private static String areaOf(String type) {
            if (type.startsWith("de.bwaldvogel.mongo.backend.h2") || type.startsWith("org.h2.")) {
                return "store: H2 backend";
            }
            if (type.startsWith("de.bwaldvogel.mongo.wire") || type.startsWith("de.bwaldvogel.mongo.bson")) {
                return "store: wire protocol/BSON";
            }
            if (type.startsWith("de.bwaldvogel.")) {
                return "store: query engine";
            }
            if (type.startsWith("io.netty.")) {
                return "store: netty";
            }
            if (type.startsWith("com.mongodb.") || type.startsWith("org.bson.")) {
                return "driver (incl. BSON codecs)";
            }
            if (type.startsWith("com.fasterxml.jackson.")) {
                return "Jackson";
            }
            if (type.startsWith("org.axonframework.extensions.mongo.")) {
                return "axon-mongo";
            }
            if (type.startsWith("org.axonframework.")) {
                return "Axon (messages, serializer, streams)";
            }
            if (type.startsWith("org.lianfang.devstore.")) {
                return "store: DevStore";
            }
            if (type.startsWith("org.lianfang.eventstore.bench.")) {
                return "benchmark harness";
            }
            if (type.startsWith("org.lianfang.")) {
                return "our engine";
            }
            if (type.startsWith("jdk.jfr.") || type.startsWith("jdk.internal.") || type.startsWith("java.")
                    || type.startsWith("sun.") || type.startsWith("javax.")) {
                return null;
            }
            return "other: " + type.substring(0, Math.max(0, type.lastIndexOf('.')));
        }

        private static String name(RecordedMethod method) {
            String type = method.getType().getName();
            return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName();
        }
    }

    @Override
    public void close() {
        recording.close();
    }
}
