package org.lianfang.devstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.bson.RawBsonDocument;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * The collections keep no running data size ({@link DataSize}); {@code collStats} and
 * {@code dbStats} still answer the BSON size of what is stored — after inserts, growing updates,
 * upserts and deletes, and (H2) after a restart.
 */
class DataSizeTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> stores() {
        return Stream.of(
            Arguments.of("memory", (Supplier<DevStore>) DevStore::memory),
            Arguments.of("h2", (Supplier<DevStore>) () -> DevStore.h2(dir.resolve("data-size"), 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void statisticsAnswerTheStoredDocumentsSizeWithoutARunningTotal(String name, Supplier<DevStore> backend) {
        try (DevStore store = backend.get();
             MongoClient client = MongoClients.create(store.uri() + "/?serverSelectionTimeoutMS=5000")) {
            MongoDatabase db = client.getDatabase("t");
            MongoCollection<org.bson.Document> buckets = db.getCollection("buckets");
            List<org.bson.Document> docs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                docs.add(new org.bson.Document("_id", "b" + i).append("minutes", List.of("00:0" + i % 10)));
            }
            buckets.insertMany(docs);
            for (int m = 0; m < 200; m++) {
                buckets.updateOne(Filters.eq("_id", "b" + m % 7), Updates.addToSet("minutes", "m" + m));
                buckets.updateOne(Filters.eq("_id", "u" + m % 3), Updates.set("items.c" + m, m), new UpdateOptions().upsert(true));
            }
            buckets.deleteOne(Filters.eq("_id", "b49"));
            db.getCollection("other").insertOne(new org.bson.Document("_id", 1).append("text", "x".repeat(1000)));

            int stored = bsonSize(db.getCollection("buckets", RawBsonDocument.class));
            int other = bsonSize(db.getCollection("other", RawBsonDocument.class));
            assertThat(stored).isGreaterThan(50 * 20);
            assertThat(db.runCommand(new org.bson.Document("collStats", "buckets")).get("size", Number.class).intValue())
                .isEqualTo(stored);
            assertThat(db.runCommand(new org.bson.Document("dbStats", 1)).get("dataSize", Number.class).longValue())
                .isEqualTo(stored + other);
        }
        if (name.equals("h2")) {
            try (DevStore store = backend.get();
                 MongoClient client = MongoClients.create(store.uri() + "/?serverSelectionTimeoutMS=5000")) {
                MongoDatabase db = client.getDatabase("t");
                assertThat(db.runCommand(new org.bson.Document("collStats", "buckets")).get("size", Number.class).intValue())
                    .isEqualTo(bsonSize(db.getCollection("buckets", RawBsonDocument.class)));
            }
        }
    }

    private static int bsonSize(MongoCollection<RawBsonDocument> collection) {
        int total = 0;
        for (RawBsonDocument document : collection.find()) {
            total += document.getByteBuffer().remaining();
        }
        return total;
    }
}
