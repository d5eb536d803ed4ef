package org.lianfang.eventstore.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The collectors' pauses of this JVM, as intervals on {@link System#nanoTime()}'s scale, so that a
 * run can tell which of its operations a pause fell into.
 *
 * <p>The JVM reports each collection (start and duration, in milliseconds since it started) in a
 * notification sent shortly after it; {@link #between} waits for the notifications of the
 * collections counted so far. That clock is not {@link System#nanoTime()}'s, nor quite the one of
 * the JVM's reported uptime (35 ms apart in a test JVM): each notification is also stamped on
 * arrival, and the smallest gap between a collection's reported end and its notification's
 * arrival — a notification never arrives before the collection ended — sets the two clocks
 * apart. The result is good to a few milliseconds, against pauses of 100–350 ms in the runs
 * this is for.
 */
final class Pauses {

    /** A pause, from {@code begin} to {@code end} in {@link System#nanoTime()} nanoseconds. */
    record Pause(long begin, long end) {

        long overlap(long from, long to) {
            return Math.max(0, Math.min(end, to) - Math.max(begin, from));
        }
    }

    /** A collection as reported: start and duration in the JVM's milliseconds, and when the report arrived. */
    private record Reported(long startMillis, long durationMillis, long arrivedNanos) {

        /** The report's arrival minus the collection's end, read with {@code origin} as the JVM's start. */
        long lag(long origin) {
            return arrivedNanos - (origin + TimeUnit.MILLISECONDS.toNanos(startMillis + durationMillis));
        }
    }

    private static final List<Reported> LOG = new CopyOnWriteArrayList<>();
    /** {@link System#nanoTime()} at the JVM's start by its reported uptime (corrected by the reports' lags). */
    private static final long ORIGIN;
    /** Collections done before the listeners were registered (not in {@link #LOG}). */
    private static final long BEFORE;

    static {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        ORIGIN = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(uptime);
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        long arrived = System.nanoTime();
                        GcInfo gc = GarbageCollectionNotificationInfo
                                .from((CompositeData) notification.getUserData()).getGcInfo();
                        LOG.add(new Reported(gc.getStartTime(), gc.getDuration(), arrived));
                    }
                }, null, null);
            }
        }
        BEFORE = count();
    }

    private Pauses() {
    }

    /** How many collections this JVM has done; pass it to {@link #between} to wait for their notifications. */
    static long count() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    /**
     * The pauses that overlap {@code from}..{@code to}, once the notifications of all collections
     * counted now have arrived (at most a second's wait; a collection not reported by then is left out).
     */
    static List<Pause> between(long from, long to) {
        long expected = count();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (LOG.size() < expected - BEFORE && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long lag = LOG.stream().mapToLong(r -> r.lag(ORIGIN)).min().orElse(0);
        List<Pause> overlapping = new ArrayList<>();
        for (Reported reported : LOG) {
            long begin = ORIGIN + lag + TimeUnit.MILLISECONDS.toNanos(reported.startMillis());
            Pause pause = new Pause(begin, begin + TimeUnit.MILLISECONDS.toNanos(reported.durationMillis()));
            if (pause.overlap(from, to) > 0) {
                overlapping.add(pause);
            }
        }
        return overlapping;
    }

    /** Loads the class (registers the listeners) before the collections it must see. */
    static void start() {
        // the static initializer does the work
    }
}
