package org.lianfang.eventstore.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The collectors' pauses of this JVM, as intervals on {@link System#nanoTime()}'s scale, so that a
 * run can tell which of its operations a pause fell into.
 *
 * <p>The JVM reports each collection (start and duration, in milliseconds since it started) in a
 * notification sent shortly after it; {@link #between} waits for the notifications of the
 * collections done so far. That clock is not {@link System#nanoTime()}'s, nor quite the one of
 * the JVM's reported uptime (35 ms apart in a test JVM), and the notifications arrive late by up
 * to 12 ms on a busy machine, so neither sets the two clocks apart well enough. A collection asked
 * for with {@link System#gc()} does: it runs between the call and its return, which bounds the
 * offset from both sides. {@link #start()} does that once (or the first {@link #between}) — call
 * it before the stores exist (a forced collection made the H2 store stall in the run after it). The
 * result is good to a millisecond or two, against pauses of 100–350 ms in the runs this is for.
 */
final class Pauses {

    /** A pause, from {@code begin} to {@code end} in {@link System#nanoTime()} nanoseconds. */
    record Pause(long begin, long end) {

        long overlap(long from, long to) {
            return Math.max(0, Math.min(end, to) - Math.max(begin, from));
        }
    }

    /** A collection as reported: start and duration in the JVM's milliseconds since it started. */
    private record Reported(long startMillis, long durationMillis) {
    }

    private static final List<Reported> LOG = new CopyOnWriteArrayList<>();
    /** Per collector, the number of the last collection reported (numbers count from 1). */
    private static final Map<String, Long> LAST_REPORTED = new ConcurrentHashMap<>();
    /** Per collector, its collections before the listeners were registered (some may be reported all the same). */
    private static final Map<String, Long> BEFORE = new ConcurrentHashMap<>();
    /** {@link System#nanoTime()} when the reports' clock read zero; set by {@link #start()}. */
    private static long origin;
    private static boolean started;

    private Pauses() {
    }

    /**
     * Registers the listeners and sets the clocks apart (one {@link System#gc()}), once; call it
     * before the stores exist. Not in a static initializer: the listeners run on another thread
     * and would wait for this class's initialization while it waits for their reports.
     */
    static synchronized void start() {
        if (started) {
            return;
        }
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                                .from((CompositeData) notification.getUserData());
                        GcInfo gc = info.getGcInfo();
                        LOG.add(new Reported(gc.getStartTime(), gc.getDuration()));
                        LAST_REPORTED.merge(info.getGcName(), gc.getId(), Math::max);
                    }
                }, null, null);
                BEFORE.put(bean.getName(), bean.getCollectionCount());
            }
        }
        origin = calibrated();
        started = true;
    }

    /**
     * The origin from one collection asked for: its reported start is at or after the call, its
     * reported end at or before the return, each to a millisecond; the middle of what both allow.
     * Without a report (a collector that sends none), the JVM's uptime.
     */
    private static long calibrated() {
        long before = System.nanoTime();
        System.gc();
        long after = System.nanoTime();
        awaitReports();
        Reported gc = LOG.stream().max(Comparator.comparingLong(Reported::startMillis)).orElse(null);
        if (gc == null) {
            return System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(ManagementFactory.getRuntimeMXBean().getUptime());
        }
        // origin + start >= before (the start is rounded down), origin + end <= after
        long low = before - TimeUnit.MILLISECONDS.toNanos(gc.startMillis() + 1);
        long high = after - TimeUnit.MILLISECONDS.toNanos(gc.startMillis() + gc.durationMillis());
        return low + (high - low) / 2;
    }

    /** Waits (at most a second) until every collection done so far has been reported. */
    private static void awaitReports() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!allReported() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean allReported() {
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            long count = bean.getCollectionCount();
            if (count > BEFORE.getOrDefault(bean.getName(), count) && LAST_REPORTED.getOrDefault(bean.getName(), 0L) < count) {
                return false;
            }
        }
        return true;
    }

    /**
     * The pauses that overlap {@code from}..{@code to}, once the collections done so far have been
     * reported (at most a second's wait; a collection not reported by then is left out).
     */
    static List<Pause> between(long from, long to) {
        start();
        awaitReports();
        long zero = origin();
        List<Pause> overlapping = new ArrayList<>();
        for (Reported reported : LOG) {
            long begin = zero + TimeUnit.MILLISECONDS.toNanos(reported.startMillis());
            Pause pause = new Pause(begin, begin + TimeUnit.MILLISECONDS.toNanos(reported.durationMillis()));
            if (pause.overlap(from, to) > 0) {
                overlapping.add(pause);
            }
        }
        return overlapping;
    }

    private static synchronized long origin() {
        return origin;
    }
}
