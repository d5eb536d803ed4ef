package org.lianfang.eventstore.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One embedded store for a whole benchmark run, shared by every contender, with a driver client
 * that counts the commands it sends (round trips are what an embedded-store benchmark measures).
 */
final class BenchStore implements AutoCloseable {

    enum Kind { MEMORY, H2 }

    private final Kind kind;
    private final boolean serializedWrites;
    private final MongoServer server;
    private final MongoClient client;
    private final LongAdder commands = new LongAdder();

    private BenchStore(Kind kind, MongoBackend backend, boolean serializedWrites) {
        this.kind = kind;
        this.serializedWrites = serializedWrites;
        this.server = new MongoServer(serializedWrites ? new SerializedWritesBackend(backend) : backend);
        InetSocketAddress address = server.bind();
        CommandListener counter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.increment();
            }
        };
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToConnectionPoolSettings(b -> b.maxWaitTime(30, TimeUnit.SECONDS))
                .addCommandListener(counter)
                .build());
    }

    static BenchStore start(Kind kind, Path dir, boolean serializedWrites) {
        MongoBackend backend = kind == Kind.MEMORY ? new MemoryBackend() : new H2Backend(dir.resolve("bench.mv").toString());
        return new BenchStore(kind, backend, serializedWrites);
    }

    Kind kind() {
        return kind;
    }

    String label() {
        return kind == Kind.MEMORY ? "memory" : "H2";
    }

    boolean serializedWrites() {
        return serializedWrites;
    }

    MongoClient client() {
        return client;
    }

    MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    /** Commands sent so far by this client (every one is a round trip to the store). */
    long commands() {
        return commands.sum();
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
