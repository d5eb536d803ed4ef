package org.lianfang.devstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;

/**
 * A query naming one {@code _id} and more fields is answered from the {@code _id} index, with the
 * same answer the server's full scan gives, on both backends.
 */
class IdLookupTest {

    @TempDir
    Path dir;

    private DevStore open(String backend) {
        return backend.equals("memory") ? DevStore.memory() : DevStore.h2(dir, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void aQueryWithAnIdAndMoreUsesTheIdIndexAndAnswersAsTheScanDoes(String backend) {
        try (DevStore store = open(backend); MongoClient client = MongoClients.create(store.uri())) {
            MongoCollection<Document> docs = client.getDatabase("ids").getCollection("docs");
            List<Document> all = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                all.add(new Document("_id", "doc-" + i).append("v", i % 7).append("s", i % 2 == 0 ? "even" : "odd"));
            }
            docs.insertMany(all);
            Random random = new Random(20261130);
            long before = IdLookup.TAKEN.sum();
            for (int round = 0; round < 200; round++) {
                String id = "doc-" + random.nextInt(520); // some ids do not exist
                int v = random.nextInt(8);
                List<Document> byIndex = docs.find(new Document("_id", id).append("v", new Document("$lte", v)))
                    .into(new ArrayList<>());
                // the same question in a shape the server plans itself (a scan)
                List<Document> byScan = docs.find(new Document("$and", List.of(new Document("_id", id),
                    new Document("v", new Document("$lte", v))))).into(new ArrayList<>());
                assertThat(byIndex).as("%s, v <= %d", id, v).isEqualTo(byScan);
            }
            assertThat(IdLookup.TAKEN.sum() - before).isGreaterThanOrEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void aConditionalUpsertUpdatesWhileItMatchesAndThenCollidesOnItsId(String backend) {
        try (DevStore store = open(backend); MongoClient client = MongoClients.create(store.uri())) {
            MongoCollection<Document> pages = client.getDatabase("ids").getCollection("pages");
            for (int i = 0; i < 100; i++) {
                pages.insertOne(new Document("_id", "other-" + i).append("n", i));
            }
            UpdateOptions upsert = new UpdateOptions().upsert(true);
            for (int i = 0; i < 3; i++) {
                pages.updateOne(Filters.and(Filters.eq("_id", "page"), Filters.lt("n", 3)),
                    new Document("$inc", new Document("n", 1)), upsert);
            }
            assertThat(pages.find(Filters.eq("_id", "page")).first().getInteger("n")).isEqualTo(3);

            // full: the filter no longer matches, the upsert inserts and collides, as on MongoDB
            assertThatThrownBy(() -> pages.updateOne(Filters.and(Filters.eq("_id", "page"), Filters.lt("n", 3)),
                new Document("$inc", new Document("n", 1)), upsert))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
            assertThat(pages.find(Filters.eq("_id", "page")).first().getInteger("n")).isEqualTo(3);
            assertThat(pages.countDocuments()).isEqualTo(101);
        }
    }
}
