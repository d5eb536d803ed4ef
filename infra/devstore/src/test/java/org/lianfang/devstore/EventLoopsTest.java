package org.lianfang.devstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write waits for its group commit on its connection's event loop. Other connections must not
 * wait with it: with Netty's default of two loops per core a read whose connection shared a loop
 * with a waiting write waited for that commit too (the convoy the crossings benchmark showed).
 */
class EventLoopsTest {

    private static final int WAITING_WRITERS = 8;

    @TempDir
    Path dir;

    @Test
    void aReadAnswersWhileMoreWritesThanCoresWaitForTheirCommit() throws Exception {
        assertThat(readWhileWritesWait(DevStore.WORKER_THREADS)).as("read answered while writes waited").isTrue();
    }

    @Test
    void withNettysDefaultLoopsTheSameReadWaitsForTheCommits() throws Exception {
        // the control: shows the test can fail (4 loops, 8 waiting writers on distinct connections)
        assertThat(readWhileWritesWait(4)).as("read answered while writes waited").isFalse();
    }

    /** Holds the commits, starts writers on connections of their own, then reads on yet another one. */
    private boolean readWhileWritesWait(int loops) throws Exception {
        Path storeDir = dir.resolve("loops-" + loops);
        ExecutorService pool = Executors.newCachedThreadPool();
        List<MongoClient> clients = new ArrayList<>();
        try (DevStore store = DevStore.start(new DevStoreSettings(false, storeDir, 0, false, false), loops)) {
            DurableH2Backend backend = (DurableH2Backend) store.backend();
            try (MongoClient setup = MongoClients.create(store.uri())) {
                setup.getDatabase("t").getCollection("reads").insertOne(new Document("_id", 1));
            }
            List<Future<?>> writes = new ArrayList<>();
            boolean answered;
            try (AutoCloseable held = backend.holdCommits()) {
                for (int i = 0; i < WAITING_WRITERS; i++) {
                    MongoClient client = MongoClients.create(store.uri() + "/?maxPoolSize=1");
                    clients.add(client);
                    int n = i;
                    writes.add(pool.submit(() -> client.getDatabase("t").getCollection("writes")
                            .insertOne(new Document("_id", n))));
                }
                Thread.sleep(500); // let every writer reach the held commit
                MongoClient reader = MongoClients.create(store.uri() + "/?maxPoolSize=1");
                clients.add(reader);
                CompletableFuture<Document> read = CompletableFuture.supplyAsync(
                        () -> reader.getDatabase("t").getCollection("reads").find().first(), pool);
                try {
                    assertThat(read.get(5, TimeUnit.SECONDS)).isNotNull();
                    answered = true;
                } catch (TimeoutException e) {
                    answered = false;
                }
            }
            for (Future<?> write : writes) {
                write.get(30, TimeUnit.SECONDS); // every write lands once the commits go on
            }
            return answered;
        } finally {
            clients.forEach(MongoClient::close);
            pool.shutdownNow();
        }
    }
}
