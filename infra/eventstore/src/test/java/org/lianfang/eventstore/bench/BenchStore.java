package org.lianfang.eventstore.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.lianfang.devstore.DevStore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One embedded store for a section of a benchmark run, shared by every contender — the suite's
 * {@link DevStore}, which runs each write command alone and copies every reply, so that the
 * global-index counter is safe to share between threads — with a driver client for the timed
 * runs and a second one that counts the commands it sends, for the round trips per operation.
 */
final class BenchStore implements AutoCloseable {

    enum Kind { MEMORY, H2 }

    private final Kind kind;
    private final DevStore store;
    private final MongoClient client;
    private final MongoClient countingClient;
    private final LongAdder commands = new LongAdder();

    private BenchStore(Kind kind, DevStore store) {
        this.kind = kind;
        this.store = store;
        CommandListener counter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.increment();
            }
        };
        this.client = MongoClients.create(settings(store).build());
        this.countingClient = MongoClients.create(settings(store).addCommandListener(counter).build());
    }

    private static MongoClientSettings.Builder settings(DevStore store) {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(store.uri()))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToConnectionPoolSettings(b -> b.maxWaitTime(30, TimeUnit.SECONDS));
    }

    /** The memory backend, or the durable H2 backend (commit before acknowledging, no fsync) in {@code dir}. */
    static BenchStore start(Kind kind, Path dir) {
        return new BenchStore(kind, kind == Kind.MEMORY ? DevStore.memory() : DevStore.h2(dir, 0));
    }

    Kind kind() {
        return kind;
    }

    String label() {
        return kind == Kind.MEMORY ? "memory" : "H2";
    }

    /** For timed runs: no command listener. */
    MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    /** For counting round trips: the same store through a client that counts its commands. */
    MongoDatabase countingDatabase(String name) {
        return countingClient.getDatabase(name);
    }

    /** Commands sent so far through {@link #countingDatabase} (every one is a round trip to the store). */
    long commands() {
        return commands.sum();
    }

    /**
     * What {@link #awaitBackgroundQuiet} waited for: how long, and the CPU time the store's
     * background threads used meanwhile.
     */
    record Quiet(Duration waited, Duration backgroundCpu, boolean timedOut) {
    }

    /**
     * On H2, waits until MVStore's own threads (its background writer, which rewrites the chunks
     * a burst of writes left behind, and its serialization threads) have used less than
     * {@code 10 ms} of CPU in each of 4 consecutive quarter seconds, or {@code max} passed. After
     * fills of 110,000 events on a fresh file they ran for ~6 s (2.4 s of CPU, session 18): a read
     * started then shares this machine's two cores with them. On the memory backend there is
     * nothing to wait for.
     */
    Quiet awaitBackgroundQuiet(Duration max) throws InterruptedException {
        if (kind != Kind.H2) {
            return new Quiet(Duration.ZERO, Duration.ZERO, false);
        }
        long begin = System.nanoTime();
        long deadline = begin + max.toNanos();
        long first = storeThreadsCpuNanos();
        long last = first;
        int quietWindows = 0;
        while (quietWindows < 4) {
            if (System.nanoTime() > deadline) {
                return new Quiet(Duration.ofNanos(System.nanoTime() - begin), Duration.ofNanos(last - first), true);
            }
            Thread.sleep(250);
            long now = storeThreadsCpuNanos();
            quietWindows = now - last < 10_000_000 ? quietWindows + 1 : 0;
            last = now;
        }
        return new Quiet(Duration.ofNanos(System.nanoTime() - begin), Duration.ofNanos(last - first), false);
    }

    /** CPU time so far of the live threads the H2 store runs on its own (named by MVStore and H2). */
    private static long storeThreadsCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (name.contains("MVStore") || name.startsWith("H2")) {
                long cpu = threads.getThreadCpuTime(thread.getId());
                sum += Math.max(0, cpu);
            }
        }
        return sum;
    }

    @Override
    public void close() {
        client.close();
        countingClient.close();
        store.close();
    }
}
