package org.lianfang.devstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/** Both backends through the real MongoDB sync driver, the way every service reaches them. */
class DevStoreRoundTripTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> stores() {
        return Stream.of(
            Arguments.of("memory", (Supplier<DevStore>) DevStore::memory),
            Arguments.of("h2", (Supplier<DevStore>) () -> DevStore.h2(dir.resolve("round-trip"), 0)),
            Arguments.of("h2 with fsync", (Supplier<DevStore>) () -> DevStore.start(
                new DevStoreSettings(false, dir.resolve("fsync"), 0, true, false))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void documentWrittenThroughTheDriverIsReadBack(String name, Supplier<DevStore> backend) {
        try (DevStore store = backend.get();
             MongoClient client = MongoClients.create(store.uri() + "/?serverSelectionTimeoutMS=5000")) {
            assertThat(store.uri()).isEqualTo("mongodb://127.0.0.1:" + store.port());
            MongoCollection<Document> persons = client.getDatabase("registry").getCollection("persons");

            persons.insertOne(new Document("_id", "p-1").append("name", "张伟").append("colour", "yellow"));
            persons.updateOne(Filters.eq("_id", "p-1"), new Document("$set", new Document("colour", "blue")));

            assertThat(persons.find(Filters.eq("_id", "p-1")).first())
                .containsEntry("name", "张伟")
                .containsEntry("colour", "blue");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void answersPingAndHelloAsHealthChecksExpect(String name, Supplier<DevStore> backend) {
        try (DevStore store = backend.get();
             MongoClient client = MongoClients.create(store.uri() + "/?serverSelectionTimeoutMS=5000")) {
            assertThat(client.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok"))
                .isEqualTo(1.0);
            assertThat(client.getDatabase("registry").runCommand(new Document("ping", 1)).get("ok"))
                .isEqualTo(1.0);

            Document hello = client.getDatabase("registry").runCommand(new Document("hello", 1));
            assertThat(hello.get("ok")).isEqualTo(1.0);
            assertThat(hello).containsEntry("isWritablePrimary", true).containsKey("maxWireVersion");
        }
    }

    @Test
    void twoMemoryStoresAreIndependentAndOnDifferentPorts() {
        try (DevStore first = DevStore.memory(); DevStore second = DevStore.memory();
             MongoClient a = MongoClients.create(first.uri()); MongoClient b = MongoClients.create(second.uri())) {
            a.getDatabase("t").getCollection("c").insertOne(new Document("_id", 1));

            assertThat(first.port()).isNotEqualTo(second.port());
            assertThat(b.getDatabase("t").getCollection("c").countDocuments()).isZero();
        }
    }

    @Test
    void h2StoreReopenedOnTheSameDirectoryFindsItsData() {
        Path data = dir.resolve("reopen");
        try (DevStore store = DevStore.h2(data, 0); MongoClient client = MongoClients.create(store.uri())) {
            client.getDatabase("quarantine").getCollection("cases").insertOne(new Document("_id", "q-1"));
        }

        try (DevStore store = DevStore.h2(data, 0); MongoClient client = MongoClients.create(store.uri())) {
            assertThat(client.getDatabase("quarantine").getCollection("cases").find().first())
                .containsEntry("_id", "q-1");
        }
        assertThat(data.resolve(DevStoreSettings.FILE_NAME)).exists();
    }

    @Test
    void closingTwiceIsHarmless() {
        DevStore store = DevStore.memory();
        store.close();
        store.close();
    }
}
