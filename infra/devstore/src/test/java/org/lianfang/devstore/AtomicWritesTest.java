package org.lianfang.devstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A counter incremented by several clients at once hands out every value exactly once — the
 * event store's global index depends on it. Plain mongo-java-server does not guarantee it.
 */
class AtomicWritesTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 400;

    @TempDir
    Path dir;

    @Test
    void concurrentFindAndModifyIncrementsNeverReturnTheSameValueOnMemory() throws Exception {
        try (DevStore store = DevStore.memory()) {
            assertEveryValueOnce(store.uri());
        }
    }

    @Test
    void concurrentFindAndModifyIncrementsNeverReturnTheSameValueOnH2() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (DevStore store = DevStore.h2(dir, port)) {
            assertEveryValueOnce(store.uri());
        }
    }

    private static void assertEveryValueOnce(String uri) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<MongoClient> clients = new ArrayList<>();
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                MongoClient client = MongoClients.create(uri);
                clients.add(client);
                MongoCollection<Document> counters = client.getDatabase("atomic").getCollection("counters");
                results.add(pool.submit(() -> {
                    List<Long> values = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        Document after = counters.findOneAndUpdate(eq("_id", "c"), Updates.inc("v", 1L),
                                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                        values.add(after.getLong("v"));
                    }
                    return values;
                }));
            }
            Set<Long> seen = new HashSet<>();
            List<Long> duplicates = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                for (long value : result.get()) {
                    if (!seen.add(value)) {
                        duplicates.add(value);
                    }
                }
            }
            assertThat(duplicates).isEmpty();
            assertThat(seen).hasSize(THREADS * PER_THREAD);
            assertThat(clients.get(0).getDatabase("atomic").getCollection("counters").find().first().getLong("v"))
                    .isEqualTo(THREADS * PER_THREAD);
        } finally {
            pool.shutdownNow();
            clients.forEach(MongoClient::close);
        }
    }
}
