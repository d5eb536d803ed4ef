package org.lianfang.eventstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lianfang.eventstore.TestEvents.event;

/** A store that goes away gives a clear, bounded failure instead of a hang. */
class UnreachableStoreTest {

    @Test
    void appendsAndReadsFailFastWithAStoreUnavailableException() {
        MongoServer server = new MongoServer(new MemoryBackend());
        int port = server.bind().getPort();
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(500, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(500, TimeUnit.MILLISECONDS))
                .build())) {
            IndexedMongoEventStorageEngine engine = IndexedMongoEventStorageEngine.builder()
                    .database(client.getDatabase("gone")).build();
            engine.appendEvents(event("a", 0));
            server.shutdownNow();

            assertThatThrownBy(() -> engine.appendEvents(event("a", 1)))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("unreachable");
            assertThatThrownBy(() -> engine.readEvents("a").asStream().count())
                    .isInstanceOf(StoreUnavailableException.class);
        }
    }
}
