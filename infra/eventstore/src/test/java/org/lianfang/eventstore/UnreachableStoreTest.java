package org.lianfang.eventstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lianfang.eventstore.TestEvents.event;

/** A store that goes away gives a clear, bounded failure instead of a hang. */
class UnreachableStoreTest {

    @Test
    void appendsAndReadsFailFastWithAStoreUnavailableException() {
        try (TestStore store = TestStore.memory();
             MongoClient client = MongoClients.create(MongoClientSettings.builder()
                     .applyConnectionString(new ConnectionString(store.uri()))
                     .applyToClusterSettings(b -> b.serverSelectionTimeout(500, TimeUnit.MILLISECONDS))
                     .applyToSocketSettings(b -> b.connectTimeout(500, TimeUnit.MILLISECONDS))
                     .build())) {
            IndexedMongoEventStorageEngine engine = IndexedMongoEventStorageEngine.builder()
                    .database(client.getDatabase("gone")).build();
            engine.appendEvents(event("a", 0));
            store.stopStore();

            assertThatThrownBy(() -> engine.appendEvents(event("a", 1)))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("unreachable");
            assertThatThrownBy(() -> engine.readEvents("a").asStream().count())
                    .isInstanceOf(StoreUnavailableException.class);
        }
    }
}
