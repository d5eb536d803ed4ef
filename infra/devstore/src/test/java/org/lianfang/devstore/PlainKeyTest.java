package org.lianfang.devstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
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

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;

/** A one-field index's key read straight from the document is the key the general path computes. */
class PlainKeyTest {

    @TempDir
    static Path dir;

    private static final List<IndexKey> A = List.of(new IndexKey("a", true));

    @Test
    void aPlainValueGivesTheKeyTheGeneralPathGives() {
        MemoryUniqueIndex general = new MemoryUniqueIndex("a_1", A, false);
        List<Object> plain = List.of("x", "", "点", new de.bwaldvogel.mongo.bson.ObjectId(), 1, 1L, -0.0, 0.0, 2.5,
            Long.MAX_VALUE, (1L << 53) + 1, 1L << 53, Long.MIN_VALUE, Double.NaN, new Decimal128(3L, 0L));
        for (Object value : plain) {
            Document document = new Document("_id", 1).append("a", value);
            assertThat(PlainKey.keyValues(PlainKey.field(A), document, () -> null)).as("%s (%s)", value, value.getClass())
                .isNotNull().isEqualTo(general.getKeyValues(document));
        }
    }

    @Test
    void anythingElseTakesTheGeneralPath() {
        String a = PlainKey.field(A);
        assertThat(PlainKey.of(a, new Document("_id", 1))).isNull();
        assertThat(PlainKey.of(a, new Document("a", null))).isNull();
        assertThat(PlainKey.of(a, new Document("a", List.of("x", "y")))).isNull();
        assertThat(PlainKey.of(a, new Document("a", new Document("b", "x")))).isNull();
        assertThat(PlainKey.of(a, new Document("a", true))).isNull();
        assertThat(PlainKey.of(a, new Document("a", new Date()))).isNull();
        assertThat(PlainKey.field(List.of(new IndexKey("a.b", true)))).isNull();
        assertThat(PlainKey.field(List.of(new IndexKey("a", true), new IndexKey("b", true)))).isNull();
        assertThat(PlainKey.field(List.of(new IndexKey("$a", true)))).isNull();
    }

    static Stream<Arguments> stores() {
        return Stream.of(
            Arguments.of("memory", (Supplier<DevStore>) DevStore::memory),
            Arguments.of("h2", (Supplier<DevStore>) () -> DevStore.h2(dir.resolve("plain-key"), 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void equalKeysOfAnyTypeAreDuplicatesAndOthersAreNot(String name, Supplier<DevStore> backend) {
        try (DevStore store = backend.get();
             MongoClient client = MongoClients.create(store.uri() + "/?serverSelectionTimeoutMS=5000")) {
            MongoCollection<org.bson.Document> docs = client.getDatabase("t").getCollection("docs");
            docs.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
            docs.insertOne(new org.bson.Document("_id", 1).append("k", "x"));
            docs.insertOne(new org.bson.Document("_id", 2L).append("k", 7));
            docs.insertOne(new org.bson.Document("_id", 3.0).append("k", (1L << 53) + 1));
            ObjectId oid = new ObjectId();
            docs.insertOne(new org.bson.Document("_id", oid).append("k", List.of("in", "list")));

            // the same _id as another number type, the same key as another number type
            assertThatThrownBy(() -> docs.insertOne(new org.bson.Document("_id", 1L).append("k", "new")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
            assertThatThrownBy(() -> docs.insertOne(new org.bson.Document("_id", 9).append("k", 7.0)))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
            assertThatThrownBy(() -> docs.insertOne(new org.bson.Document("_id", 10).append("k", "x")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
            assertThatThrownBy(() -> docs.insertOne(new org.bson.Document("_id", oid).append("k", "other")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
            // a long that a double cannot hold stays itself: its neighbour is another key
            docs.insertOne(new org.bson.Document("_id", 11).append("k", 1L << 53));
            assertThatThrownBy(() -> docs.insertOne(new org.bson.Document("_id", 12).append("k", (1L << 53) + 1)))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
            // an array value still takes the general path: each element is a key
            assertThatThrownBy(() -> docs.insertOne(new org.bson.Document("_id", 13).append("k", "list")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");

            assertThat(docs.find(Filters.eq("_id", 1L)).first()).isNotNull();
            assertThat(docs.find(Filters.eq("k", 7L)).map(d -> d.get("_id")).into(new ArrayList<>())).containsExactly(2L);
            docs.deleteOne(Filters.eq("k", "x"));
            docs.insertOne(new org.bson.Document("_id", 1).append("k", "x"));
            assertThat(docs.countDocuments()).isEqualTo(5);
        }
    }
}
