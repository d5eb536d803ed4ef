package org.lianfang.devstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;

/** {@code $in} by hash look-up answers exactly what mongo-java-server's own matcher answers. */
class InLookupTest {

    @TempDir
    static Path dir;

    /** Values near the edges of the matcher's number normalization. */
    private static final Object[] SCALARS = {
        "a", "b", "1", "", 0, 1, 2, -1, Integer.MAX_VALUE, 0L, 1L, 2L, -1L, (long) Integer.MAX_VALUE,
        1L << 53, (1L << 53) + 1, Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE,
        0.0, -0.0, 1.0, 1.5, 2.0, 9.007199254740992E15, Double.NaN,
    };

    @Test
    void answersAsTheServersMatcherDoesForEveryShapeAndTakesTheHashPathForPlainOnes() {
        DefaultQueryMatcher server = new DefaultQueryMatcher();
        Random random = new Random(20261129);
        int plain = 0;
        for (int round = 0; round < 20_000; round++) {
            Document document = new Document("_id", round);
            if (random.nextInt(10) > 0) {
                document.put("k", value(random, random.nextInt(8) == 0 ? 1 : 0));
            }
            List<Object> list = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                list.add(random.nextInt(15) == 0 ? new Document("x", 1) : scalar(random));
            }
            Document query = new Document(random.nextInt(20) == 0 ? "k.x" : "k", new Document("$in", list));

            Boolean fast = InLookup.matches(document, query);
            boolean expected = server.matches(document, query);
            if (fast != null) {
                plain++;
                assertThat(fast).as("%s against %s", document, query).isEqualTo(expected);
            }
        }
        assertThat(plain).as("queries that took the hash path").isGreaterThan(3_000);
    }

    @Test
    void leavesEveryOtherShapeToTheServer() {
        Document document = new Document("k", 1L).append("j", List.of(1L, 2L));
        assertThat(InLookup.matches(document, new Document("k", new Document("$in", List.of(1L))))).isTrue();
        assertThat(InLookup.matches(document, new Document("k", new Document("$in", List.of(3L))))).isFalse();
        // an array value matches when an element does
        assertThat(InLookup.matches(document, new Document("j", new Document("$in", List.of(2L, 5L))))).isTrue();
        assertThat(InLookup.matches(document, new Document("j", new Document("$in", List.of(5L))))).isFalse();
        assertThat(InLookup.matches(new Document("j", List.of(1L, new Document("x", 1))),
            new Document("j", new Document("$in", List.of(5L))))).as("an array holding a sub-document").isNull();
        // a second field, a second operator, a null or a sub-document in the list
        assertThat(InLookup.matches(document, new Document("k", new Document("$in", List.of(1L))).append("j", 1L))).isNull();
        assertThat(InLookup.matches(document, new Document("k", new Document("$in", List.of(1L)).append("$ne", 2L)))).isNull();
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        assertThat(InLookup.matches(document, new Document("k", new Document("$in", withNull)))).isNull();
        assertThat(InLookup.matches(document, new Document("k", new Document("$in", List.of(new Document("a", 1)))))).isNull();
        assertThat(InLookup.matches(document, new Document("k", 1L))).isNull();
        assertThat(InLookup.matches(new Document(), new Document("k", new Document("$in", List.of(1L))))).isNull();
    }

    static Stream<Arguments> stores() {
        return Stream.of(
            Arguments.of("memory", (Supplier<DevStore>) DevStore::memory),
            Arguments.of("h2", (Supplier<DevStore>) () -> DevStore.h2(dir.resolve("in-lookup"), 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void findsByIdInThroughTheDriverWithNumbersOfEitherWidthAndFallsBackForArrays(String name, Supplier<DevStore> backend) {
        try (DevStore store = backend.get();
             MongoClient client = MongoClients.create(store.uri() + "/?serverSelectionTimeoutMS=5000")) {
            MongoCollection<org.bson.Document> commits = client.getDatabase("t").getCollection("commits");
            List<org.bson.Document> docs = new ArrayList<>();
            for (long id = 1; id <= 2_000; id++) {
                docs.add(new org.bson.Document("_id", id).append("tags", List.of("t" + id % 7, "all")));
            }
            commits.insertMany(docs);

            List<Object> wanted = new ArrayList<>();
            for (int id = 0; id <= 2_100; id += 3) {
                wanted.add(id % 2 == 0 ? (Object) id : (Object) (long) id);
            }
            List<Long> found = commits.find(Filters.in("_id", wanted)).map(d -> d.getLong("_id")).into(new ArrayList<>());
            List<Long> expected = new ArrayList<>();
            for (long id = 3; id <= 2_000; id += 3) {
                expected.add(id);
            }
            assertThat(found).containsExactlyInAnyOrderElementsOf(expected);

            assertThat(commits.countDocuments(Filters.in("tags", List.of("t3", "none")))).isEqualTo(286);
            assertThat(commits.countDocuments(Filters.in("_id", List.of("1", 2.5)))).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anInOverAnArrayFieldWithAUniqueIndexFindsEachDocumentOnceAndTheIndexRefusesASharedElement(
        String name, Supplier<DevStore> backend) {
        try (DevStore store = backend.get();
             MongoClient client = MongoClients.create(store.uri() + "/?serverSelectionTimeoutMS=5000")) {
            MongoCollection<org.bson.Document> commits = client.getDatabase("t").getCollection("multikey");
            commits.createIndex(com.mongodb.client.model.Indexes.ascending("a"),
                new com.mongodb.client.model.IndexOptions().unique(true));
            commits.insertOne(new org.bson.Document("_id", 1L).append("a", "x/0"));
            commits.insertOne(new org.bson.Document("_id", 2L).append("a", List.of("x/1", "x/2", "x/3")));
            commits.insertOne(new org.bson.Document("_id", 3L).append("a", "x/4"));

            List<Long> found = commits.find(Filters.in("a", List.of("x/0", "x/1", "x/2", "x/3", "x/4", "x/5")))
                .map(d -> d.getLong("_id")).into(new ArrayList<>());
            assertThat(found).containsExactlyInAnyOrder(1L, 2L, 3L);
            assertThat(commits.find(Filters.in("a", List.of("x/2", "x/3"))).map(d -> d.getLong("_id"))
                .into(new ArrayList<>())).containsExactly(2L);
            assertThat(commits.countDocuments(Filters.in("a", List.of("x/1", "x/3")))).isEqualTo(1);

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> commits.insertOne(
                    new org.bson.Document("_id", 4L).append("a", "x/3")))
                .isInstanceOf(com.mongodb.MongoWriteException.class).hasMessageContaining("E11000");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> commits.insertOne(
                    new org.bson.Document("_id", 5L).append("a", List.of("x/4", "x/5"))))
                .isInstanceOf(com.mongodb.MongoWriteException.class).hasMessageContaining("E11000");
            assertThat(commits.countDocuments()).isEqualTo(3);
        }
    }

    private static Object value(Random random, int depth) {
        return switch (depth == 0 ? 0 : random.nextInt(3)) {
            case 1 -> List.of(scalar(random), scalar(random));
            case 2 -> new Document("x", scalar(random));
            default -> random.nextInt(30) == 0 ? null : scalar(random);
        };
    }

    private static Object scalar(Random random) {
        return SCALARS[random.nextInt(SCALARS.length)];
    }
}
