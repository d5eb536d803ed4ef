package org.lianfang.eventstore.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.lianfang.devstore.DevStore;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One embedded store for a whole benchmark run, shared by every contender — the suite's
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

    @Override
    public void close() {
        client.close();
        countingClient.close();
        store.close();
    }
}
