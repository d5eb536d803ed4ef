package org.lianfang.devstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

/**
 * Unique indexes carry the event store's optimistic concurrency (aggregate, sequence), so they
 * must still reject duplicates, and still serve look-ups, after the store is restarted.
 */
class UniqueIndexRestartTest {

    @TempDir
    Path dir;

    @Test
    void compoundUniqueIndexStillRejectsDuplicatesAfterRestart() {
        try (DevStore store = DevStore.h2(dir, 0); MongoClient client = MongoClients.create(store.uri())) {
            MongoCollection<Document> events = events(client);
            events.createIndex(Indexes.ascending("aggregateId", "seq"),
                new IndexOptions().unique(true).name("aggregate_seq"));
            events.insertOne(new Document("aggregateId", "p-1").append("seq", 0L));
            events.insertOne(new Document("aggregateId", "p-1").append("seq", 1L));
        }

        try (DevStore store = DevStore.h2(dir, 0); MongoClient client = MongoClients.create(store.uri())) {
            MongoCollection<Document> events = events(client);

            List<String> indexNames = new ArrayList<>();
            events.listIndexes().forEach(index -> indexNames.add(index.getString("name")));
            assertThat(indexNames).contains("aggregate_seq");

            assertThatThrownBy(() -> events.insertOne(new Document("aggregateId", "p-1").append("seq", 1L)))
                .isInstanceOfSatisfying(MongoWriteException.class, e ->
                    assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
            events.insertOne(new Document("aggregateId", "p-1").append("seq", 2L));
            events.insertOne(new Document("aggregateId", "p-2").append("seq", 1L));

            assertThat(events.find(Filters.and(Filters.eq("aggregateId", "p-1"), Filters.eq("seq", 1L))).first())
                .isNotNull();
            assertThat(events.countDocuments()).isEqualTo(4);
        }
    }

    @Test
    void renamedCollectionKeepsItsDocumentsAndUniqueIndexAfterRestart() {
        try (DevStore store = DevStore.h2(dir, 0); MongoClient client = MongoClients.create(store.uri())) {
            MongoCollection<Document> staging = client.getDatabase("registry").getCollection("staging");
            staging.createIndex(Indexes.ascending("idNumber"), new IndexOptions().unique(true));
            staging.insertOne(new Document("_id", "p-1").append("idNumber", "411324199001011234"));
            staging.renameCollection(new MongoNamespace("registry", "persons"));
            client.getDatabase("registry").getCollection("persons").aggregate(
                List.of(new Document("$match", new Document()), new Document("$out", "personsCopy"))).toCollection();
        }

        try (DevStore store = DevStore.h2(dir, 0); MongoClient client = MongoClients.create(store.uri())) {
            MongoCollection<Document> persons = client.getDatabase("registry").getCollection("persons");
            assertThat(persons.find().first()).containsEntry("_id", "p-1");
            assertThatThrownBy(() -> persons.insertOne(new Document("_id", "p-2").append("idNumber", "411324199001011234")))
                .isInstanceOf(MongoWriteException.class);
            assertThat(client.getDatabase("registry").getCollection("personsCopy").countDocuments()).isEqualTo(1);
            assertThat(client.getDatabase("registry").listCollectionNames().into(new ArrayList<>()))
                .containsExactlyInAnyOrder("persons", "personsCopy");
        }
    }

    private static MongoCollection<Document> events(MongoClient client) {
        return client.getDatabase("registry").getCollection("events");
    }
}
