package org.lianfang.eventstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.lianfang.devstore.DevStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The suite's embedded store (memory or H2 file backend), in process, and a driver client on it. */
public final class TestStore implements AutoCloseable {

    public enum Kind { MEMORY, H2 }

    private final DevStore store;
    private final MongoClient client;

    private TestStore(DevStore store) {
        this.store = store;
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(store.uri()))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .build());
    }

    public static TestStore start(Kind kind, Path dir) {
        return kind == Kind.MEMORY ? memory() : h2(dir);
    }

    public static TestStore memory() {
        return new TestStore(DevStore.memory());
    }

    public static TestStore h2(Path dir) {
        return new TestStore(DevStore.h2(dir, freePort()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MongoClient client() {
        return client;
    }

    public String uri() {
        return store.uri();
    }

    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    /** Stops the store, keeping the client (to observe a store that went away). */
    public void stopStore() {
        store.close();
    }

    @Override
    public void close() {
        client.close();
        store.close();
    }
}
