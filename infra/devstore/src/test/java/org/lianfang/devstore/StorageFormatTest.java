package org.lianfang.devstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.BsonBinary;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * Documents and unique-index keys are stored as BSON ({@link DocumentType}, {@link IndexKeyType}):
 * every value type survives a restart exactly, and a file written in the old format (Java
 * serialization, as plain mongo-java-server writes it) is rebuilt once and stays usable.
 */
class StorageFormatTest {

    @TempDir
    Path dir;

    private static Document everyType() {
        return new Document("_id", new ObjectId("5f0000000000000000000001"))
                .append("string", "张三 \u0000 ✓")
                .append("int", 42)
                .append("long", 9_007_199_254_740_993L)
                .append("double", 0.1)
                .append("decimal", new Decimal128(new BigDecimal("36.60")))
                .append("true", true)
                .append("null", null)
                .append("date", new Date(1_580_000_000_123L))
                .append("timestamp", new BsonTimestamp(1_580_000_000, 7))
                .append("binary", new Binary(new byte[] {0, 1, 2, (byte) 255}))
                .append("uuid", new Binary(org.bson.BsonBinarySubType.UUID_STANDARD,
                        new BsonBinary(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), UuidRepresentation.STANDARD).getData()))
                .append("min", new MinKey())
                .append("max", new MaxKey())
                .append("nested", new Document("a.b", List.of(1, "two", new Document("three", 3L))))
                .append("empty", new Document())
                .append("list", List.of());
    }

    @Test
    void everyValueTypeIsReadBackExactlyAfterARestart() {
        Path data = dir.resolve("types");
        try (DevStore store = DevStore.h2(data, 0); MongoClient client = client(store.uri())) {
            client.getDatabase("t").getCollection("docs").insertOne(everyType());
        }
        try (DevStore store = DevStore.h2(data, 0); MongoClient client = client(store.uri())) {
            Document back = client.getDatabase("t").getCollection("docs").find().first();
            assertThat(back).isEqualTo(everyType());
            assertThat(back.keySet()).containsExactlyElementsOf(everyType().keySet());
        }
    }

    @Test
    void uniqueKeysOfEveryKindStillCollideAfterARestart() {
        Path data = dir.resolve("keys");
        try (DevStore store = DevStore.h2(data, 0); MongoClient client = client(store.uri())) {
            MongoCollection<Document> keys = client.getDatabase("t").getCollection("keys");
            keys.createIndex(Indexes.ascending("k", "n"), new IndexOptions().unique(true));
            keys.insertOne(new Document("_id", 1).append("k", "a").append("n", 1L));
            keys.insertOne(new Document("_id", 2).append("k", new Document("x", 1)).append("n", new Decimal128(2)));
            keys.insertOne(new Document("_id", 3)); // both fields missing
        }
        try (DevStore store = DevStore.h2(data, 0); MongoClient client = client(store.uri())) {
            MongoCollection<Document> keys = client.getDatabase("t").getCollection("keys");
            assertThatThrownBy(() -> keys.insertOne(new Document("_id", 4).append("k", "a").append("n", 1L)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> keys.insertOne(new Document("_id", 5).append("k", new Document("x", 1))
                    .append("n", new Decimal128(2)))).isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> keys.insertOne(new Document("_id", 6))).isInstanceOf(MongoWriteException.class);
            keys.insertOne(new Document("_id", 7).append("k", "a").append("n", 2L));
            assertThat(keys.countDocuments()).isEqualTo(4);
        }
    }

    @Test
    void aFileWrittenByPlainMongoJavaServerIsRebuiltOnceAndKeepsItsDataAndUniqueIndex() {
        Path data = dir.resolve("old");
        data.toFile().mkdirs();
        MVStore old = new MVStore.Builder().fileName(data.resolve(DevStoreSettings.FILE_NAME).toString()).open();
        MongoServer server = new MongoServer(new H2Backend(old));
        InetSocketAddress address = server.bind();
        try (MongoClient client = client("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
            docs.createIndex(Indexes.ascending("seq"), new IndexOptions().unique(true));
            for (int i = 0; i < 300; i++) {
                docs.insertOne(new Document("_id", "d-" + i).append("seq", (long) i).append("payload", "x".repeat(i)));
            }
        } finally {
            server.shutdownNow();
            old.close();
        }

        for (int restart = 0; restart < 2; restart++) {
            try (DevStore store = DevStore.h2(data, 0); MongoClient client = client(store.uri())) {
                MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
                assertThat(docs.countDocuments()).isEqualTo(300 + restart);
                assertThat(docs.find(new Document("_id", "d-299")).first().getString("payload")).hasSize(299);
                assertThat(docs.find(new Document("seq", 150L)).first().getString("_id")).isEqualTo("d-150");
                assertThatThrownBy(() -> docs.insertOne(new Document("_id", "again").append("seq", 7L)))
                        .isInstanceOf(MongoWriteException.class);
                if (restart == 0) {
                    docs.insertOne(new Document("_id", "new").append("seq", 1000L));
                }
            }
        }
    }

    private static MongoClient client(String uri) {
        return MongoClients.create(uri);
    }
}
