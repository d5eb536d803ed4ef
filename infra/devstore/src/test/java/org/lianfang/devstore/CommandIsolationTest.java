package org.lianfang.devstore;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandIsolationTest {

    private final CommandIsolation isolation = new CommandIsolation();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static Map<String, Object> on(String command, String collection) {
        return Map.of(command, collection);
    }

    /** Starts a write that holds its lock until released; returns once it runs. */
    private CountDownLatch holdWrite(String command, String collection, CountDownLatch release) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        pool.submit(() -> isolation.write("db", command, on(command, collection), () -> {
            running.countDown();
            await(release);
            return new Document();
        }));
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        return running;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void firstWrite(String collection) {
        isolation.write("db", "insert", on("insert", collection), Document::new);
    }

    @Test
    void aWriteInOneCollectionDoesNotHoldUpAnotherCollection() throws Exception {
        firstWrite("event_commits");
        firstWrite("checkpoint_board_hours");
        CountDownLatch release = new CountDownLatch(1);
        holdWrite("update", "checkpoint_board_hours", release);

        Future<Document> insert = pool.submit(() -> isolation.write("db", "insert", on("insert", "event_commits"),
            () -> new Document("ok", 1)));
        Future<Document> read = pool.submit(() -> isolation.read("db", "find", on("find", "event_commits"),
            () -> new Document("ok", 2)));

        assertThat(insert.get(30, TimeUnit.SECONDS).get("ok")).isEqualTo(1);
        assertThat(read.get(30, TimeUnit.SECONDS).get("ok")).isEqualTo(2);
        release.countDown();
    }

    @Test
    void writesToOneCollectionStillRunOneAtATime() throws Exception {
        firstWrite("counters");
        CountDownLatch release = new CountDownLatch(1);
        holdWrite("findAndModify", "counters", release);

        AtomicBoolean ran = new AtomicBoolean();
        Future<Document> second = pool.submit(() -> isolation.write("db", "findAndModify",
            on("findAndModify", "counters"), () -> {
                ran.set(true);
                return new Document();
            }));
        Future<Document> reader = pool.submit(() -> isolation.read("db", "find", on("find", "counters"), () -> {
            ran.set(true);
            return new Document();
        }));
        Thread.sleep(300);
        assertThat(ran).as("a write or read of the collection ran while a write of it held the lock").isFalse();
        release.countDown();
        second.get(30, TimeUnit.SECONDS);
        reader.get(30, TimeUnit.SECONDS);
        assertThat(ran).isTrue();
    }

    @Test
    void theFirstWriteOfACollectionAndCommandsNamingNoneRunAloneInTheStore() throws Exception {
        firstWrite("existing");
        CountDownLatch release = new CountDownLatch(1);
        holdWrite("insert", "brand_new", release);

        AtomicBoolean ran = new AtomicBoolean();
        Future<Document> other = pool.submit(() -> isolation.read("db", "find", on("find", "existing"), () -> {
            ran.set(true);
            return new Document();
        }));
        Thread.sleep(300);
        assertThat(ran).as("a command ran while a collection was being created").isFalse();
        release.countDown();
        other.get(30, TimeUnit.SECONDS);

        assertThat(CommandIsolation.collectionOf("createIndexes", on("createIndexes", "x"))).isNull();
        assertThat(CommandIsolation.collectionOf("listCollections", Map.of("listCollections", 1))).isNull();
        assertThat(CommandIsolation.collectionOf("getMore", Map.of("getMore", 7L, "collection", "x"))).isEqualTo("x");
        assertThat(CommandIsolation.collectionOf("aggregate", Map.of("aggregate", "x",
            "pipeline", List.of(Map.of("$lookup", Map.of("from", "y")))))).isNull();
        assertThat(CommandIsolation.collectionOf("aggregate", Map.of("aggregate", "x",
            "pipeline", List.of(Map.of("$match", Map.of()))))).isEqualTo("x");
    }

    @Test
    void repliesAreCopiesSoAWriterCannotChangeWhatAReaderWasGiven() {
        firstWrite("c");
        Document stored = new Document("n", 1);
        Document reply = isolation.read("db", "find", on("find", "c"), () -> stored);
        stored.put("n", 2);
        assertThat(reply.get("n")).isEqualTo(1);
    }
}
