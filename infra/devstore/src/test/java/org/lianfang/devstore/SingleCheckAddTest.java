package org.lianfang.devstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

/** Unique indexes that check a new key once still refuse every duplicate and stay consistent. */
class SingleCheckAddTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> stores() {
        return Stream.of(
            Arguments.of("memory", (Supplier<DevStore>) DevStore::memory),
            Arguments.of("h2", (Supplier<DevStore>) () -> DevStore.h2(dir.resolve("single-check"), 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aDuplicateInOneIndexChangesNoOtherAndUpdatesMoveKeys(String name, Supplier<DevStore> backend) {
        try (DevStore store = backend.get();
             MongoClient client = MongoClients.create(store.uri() + "/?serverSelectionTimeoutMS=5000")) {
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
            docs.createIndex(Indexes.ascending("a"), new IndexOptions().unique(true));
            docs.createIndex(Indexes.ascending("b"), new IndexOptions().unique(true));
            docs.insertOne(new Document("_id", 1L).append("a", "x").append("b", "p"));

            assertThatThrownBy(() -> docs.insertOne(new Document("_id", 2L).append("a", "y").append("b", "p")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
            // Neither _id 2 nor a "y" was kept by the refused insert.
            docs.insertOne(new Document("_id", 2L).append("a", "y").append("b", "q"));
            assertThat(docs.countDocuments(Filters.eq("a", "y"))).isEqualTo(1);

            assertThatThrownBy(() -> docs.updateOne(Filters.eq("_id", 2L), Updates.set("a", "x")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
            docs.updateOne(Filters.eq("_id", 2L), Updates.set("a", "z"));
            docs.insertOne(new Document("_id", 3L).append("a", "y").append("b", "r"));
            assertThatThrownBy(() -> docs.insertOne(new Document("_id", 4L).append("a", "z").append("b", "s")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");

            List<Object> byA = docs.find(Filters.in("a", List.of("x", "y", "z"))).map(d -> d.get("_id"))
                .into(new ArrayList<>());
            assertThat(byA).containsExactlyInAnyOrder(1L, 3L, 2L);
            assertThat(docs.countDocuments()).isEqualTo(3);
        }
    }
}
