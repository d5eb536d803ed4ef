package org.lianfang.devstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The H2 backend's unique indexes compare keys by value (not by their Java serialization): the
 * order is a proper total order in which only equal keys compare equal, look-ups and duplicate
 * checks still work for every kind of key, and an index written by the unpatched backend (in the
 * old order) is rebuilt and keeps working.
 */
class IndexKeyOrderTest {

    @TempDir
    Path dir;

    private final IndexKeyType type = new IndexKeyType();

    @Test
    void stringsAndDoublesCompareExactlyAsTheServersComparatorOrdersThem() {
        de.bwaldvogel.mongo.backend.ValueComparator server = de.bwaldvogel.mongo.backend.ValueComparator.asc();
        org.h2.mvstore.type.ObjectDataType fallback = new org.h2.mvstore.type.ObjectDataType();
        double[] edges = {0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2147483647.0, 2147483648.0, 2147483647.5, -2147483648.0,
            -2147483649.0, 9.007199254740992E15, 9.007199254740994E15, 9.223372036854775807E18, -9.223372036854775808E18,
            1e19, -1e19, 1e300, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        java.util.Random random = new java.util.Random(20261130);
        List<Object> values = new ArrayList<>();
        for (double d : edges) {
            values.add(d);
        }
        for (int i = 0; i < 300; i++) {
            values.add(switch (random.nextInt(4)) {
                case 0 -> (double) random.nextInt(100);
                case 1 -> (double) random.nextLong() / (1 << random.nextInt(40));
                case 2 -> random.nextDouble() * 1e10 - 5e9;
                default -> "k" + random.nextInt(50) + "/" + random.nextInt(20);
            });
        }
        values.add("");
        values.add("a/1");
        values.add("a/10");
        for (Object x : values) {
            for (Object y : values) {
                if (java.util.Objects.equals(x, y)) {
                    continue;
                }
                int expected = server.compare(x, y);
                if (expected == 0) {
                    expected = fallback.compare(x, y);
                }
                assertThat(Integer.signum(type.compareValues(x, y))).as("%s vs %s", x, y)
                    .isEqualTo(Integer.signum(expected));
            }
        }
    }

    @Test
    void keysCompareByValueAndOnlyEqualKeysAreEqual() {
        List<KeyValue> ascending = List.of(
            new KeyValue((Object) null),
            new KeyValue(-5.0),
            new KeyValue(1.0),
            new KeyValue(Long.MAX_VALUE - 7),
            new KeyValue("a/0"),
            new KeyValue("a/1"),
            new KeyValue("a/10"),
            new KeyValue("b/0"),
            new KeyValue(new de.bwaldvogel.mongo.bson.Document("x", 1.0)));
        for (int i = 0; i < ascending.size(); i++) {
            for (int j = 0; j < ascending.size(); j++) {
                assertThat(Integer.signum(type.compare(ascending.get(i), ascending.get(j))))
                    .as("%s vs %s", ascending.get(i), ascending.get(j))
                    .isEqualTo(Integer.compare(i, j));
            }
        }
        assertThat(type.compare(new KeyValue("p-1", 1.0), new KeyValue("p-1", 1.0))).isZero();
        assertThat(type.compare(new KeyValue("p-1", 1.0), new KeyValue("p-1", 2.0))).isNegative();
        assertThat(type.compare(new KeyValue("p-2", 0.0), new KeyValue("p-1", 9.0))).isPositive();
    }

    @Test
    void uniqueKeysOfEveryKindAreFoundAndGuarded() {
        try (DevStore store = DevStore.h2(dir, 0); MongoClient client = MongoClients.create(store.uri())) {
            MongoCollection<Document> docs = client.getDatabase("keys").getCollection("docs");
            docs.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
            docs.createIndex(Indexes.ascending("agg", "seq"), new IndexOptions().unique(true));
            List<Object> keys = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                keys.add(switch (i % 3) {
                    case 0 -> "key-" + i;
                    case 1 -> (long) i;
                    default -> i + 0.5;
                });
            }
            for (int i = 0; i < keys.size(); i++) {
                docs.insertOne(new Document("_id", i).append("k", keys.get(i)).append("agg", "a-" + i % 7).append("seq", i));
            }
            for (int i = 0; i < keys.size(); i++) {
                assertThat(docs.find(Filters.eq("k", keys.get(i))).first()).containsEntry("_id", i);
            }
            assertThat(docs.find(Filters.in("k", keys.subList(100, 200))).into(new ArrayList<>())).hasSize(100);
            assertThat(docs.find(Filters.eq("k", 4)).first()).as("4 and 4L are the same key").containsEntry("_id", 4);
            assertThatThrownBy(() -> docs.insertOne(new Document("k", 4.0))).isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> docs.insertOne(new Document("k", "key-3").append("agg", "x").append("seq", 0)))
                .isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> docs.insertOne(new Document("k", "new").append("agg", "a-3").append("seq", 10)))
                .isInstanceOf(MongoWriteException.class);
            docs.insertOne(new Document("k", "new").append("agg", "a-3").append("seq", 11));
        }
    }

    @Test
    void anIndexWrittenByTheUnpatchedBackendIsRebuiltAndKeepsWorking() {
        MVStore old = new MVStore.Builder().fileName(dir.resolve("lianfang.mv").toString()).open();
        MongoServer server = new MongoServer(new H2Backend(old));
        try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(server.bind()))) {
            MongoCollection<Document> docs = client.getDatabase("keys").getCollection("docs");
            docs.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
            for (int i = 0; i < 200; i++) {
                docs.insertOne(new Document("_id", (long) i).append("k", "key-" + i));
            }
        } finally {
            server.shutdownNow();
            old.close();
        }

        for (int restart = 0; restart < 2; restart++) {
            try (DevStore store = DevStore.h2(dir, 0); MongoClient client = MongoClients.create(store.uri())) {
                MongoCollection<Document> docs = client.getDatabase("keys").getCollection("docs");
                for (int i = 0; i < 200; i++) {
                    assertThat(docs.find(Filters.eq("k", "key-" + i)).first()).containsEntry("_id", (long) i);
                    assertThat(docs.find(Filters.eq("_id", (long) i)).first()).containsEntry("k", "key-" + i);
                }
                assertThatThrownBy(() -> docs.insertOne(new Document("k", "key-150")))
                    .isInstanceOf(MongoWriteException.class);
                docs.insertOne(new Document("_id", 1000L + restart).append("k", "added-" + restart));
                assertThat(docs.countDocuments()).isEqualTo(201 + restart);
            }
        }
    }

    private static String hostAndPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
