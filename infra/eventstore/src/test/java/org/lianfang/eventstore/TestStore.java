package org.lianfang.eventstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** An in-process embedded store (memory or H2 file backend) and a driver client on it. */
public final class TestStore implements AutoCloseable {

    public enum Kind { MEMORY, H2 }

    private final MongoServer server;
    private final MongoClient client;
    private final String uri;

    private TestStore(Supplier<MongoBackend> backend) {
        this.server = new MongoServer(backend.get());
        InetSocketAddress address = server.bind();
        this.uri = "mongodb://127.0.0.1:" + address.getPort();
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .build());
    }

    public static TestStore start(Kind kind, Path dir) {
        return kind == Kind.MEMORY ? memory() : h2(dir.resolve("store.mv"));
    }

    public static TestStore memory() {
        return new TestStore(MemoryBackend::new);
    }

    public static TestStore h2(Path file) {
        return new TestStore(() -> new H2Backend(file.toString()));
    }

    public MongoClient client() {
        return client;
    }

    public String uri() {
        return uri;
    }

    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
