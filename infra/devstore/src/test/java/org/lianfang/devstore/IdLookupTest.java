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
                List<Document> byScan = docs.find(new Document("$or", List.of(new Document("_id", id))).append("v",
                    new Document("$lte", v))).into(new ArrayList<>());
                assertThat(byIndex).as("%s, v <= %d", id, v).isEqualTo(byScan);
            }
            assertThat(IdLookup.TAKEN.sum() - before).isGreaterThanOrEqualTo(200);
        }
    }

    /**
     * {@code Filters.and(eq("_id", x), …)} renders as {@code {$and: [{_id: x}, …]}}: the shape of
     * every conditional write in the suite (versions, owners, states). Each of them is answered
     * through the {@code _id} index, as the oracle (the documents filtered here) answers.
     */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void theDriversAndOfAnIdAndMoreUsesTheIdIndexForReadsAndEveryKindOfWrite(String backend) {
        try (DevStore store = open(backend); MongoClient client = MongoClients.create(store.uri())) {
            MongoCollection<Document> docs = client.getDatabase("ids").getCollection("and");
            List<Document> all = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                all.add(new Document("_id", "doc-" + i).append("v", i % 5).append("owner", i % 3 == 0 ? "a" : "b"));
            }
            docs.insertMany(all);
            Random random = new Random(20261201);
            for (int round = 0; round < 100; round++) {
                int i = random.nextInt(320); // some ids do not exist
                String id = "doc-" + i;
                int v = random.nextInt(6);
                Document stored = i < 300 ? docs.find(Filters.eq("_id", id)).first() : null;
                boolean expected = stored != null && stored.getInteger("v") <= v;
                long before = IdLookup.TAKEN.sum();
                assertThat(docs.find(Filters.and(Filters.eq("_id", id), Filters.lte("v", v))).into(new ArrayList<>()))
                    .as("find %s, v <= %d", id, v).hasSize(expected ? 1 : 0);
                assertThat(docs.find(Filters.and(Filters.lte("v", v), Filters.and(Filters.eq("_id", id)))).into(new ArrayList<>()))
                    .as("nested $and").hasSize(expected ? 1 : 0);
                assertThat(docs.updateOne(Filters.and(Filters.eq("_id", id), Filters.lte("v", v)),
                    new Document("$inc", new Document("seen", 1))).getModifiedCount()).isEqualTo(expected ? 1 : 0);
                assertThat(IdLookup.TAKEN.sum() - before).as("each by its _id").isGreaterThanOrEqualTo(3);
            }
            long before = IdLookup.TAKEN.sum();
            // the platform's chain-head lease: an owner or an expired lease
            assertThat(docs.findOneAndUpdate(Filters.and(Filters.eq("_id", "doc-0"),
                    Filters.or(Filters.eq("owner", "a"), Filters.lt("v", 0))), new Document("$set", new Document("owner", "c"))))
                .isNotNull();
            assertThat(docs.replaceOne(Filters.and(Filters.eq("_id", "doc-1"), Filters.eq("owner", "a")),
                new Document("v", 9)).getMatchedCount()).as("doc-1 is b's").isZero();
            assertThat(docs.deleteOne(Filters.and(Filters.eq("_id", "doc-2"), Filters.eq("owner", "b"))).getDeletedCount())
                .isEqualTo(1);
            assertThat(IdLookup.TAKEN.sum() - before).isGreaterThanOrEqualTo(3);
            assertThat(docs.find(Filters.eq("_id", "doc-0")).first().getString("owner")).isEqualTo("c");
            assertThat(docs.countDocuments()).isEqualTo(299);
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
