package org.lianfang.devstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * Under a steady write load that rewrites growing documents (as projections do), the H2 store's
 * file stays a small multiple of its live data: at a compaction fill rate of 50 % it grew without
 * bound (see {@code DevStore.AUTO_COMPACT_FILL_RATE}).
 */
class StoreFileGrowthTest {

    @TempDir
    Path dir;

    @Test
    void theFileOfABusyStoreStaysBounded() throws Exception {
        Path storeDir = dir.resolve("growth");
        long written = 0;
        try (DevStore store = DevStore.h2(storeDir, 0);
             MongoClient client = MongoClients.create(store.uri() + "/?serverSelectionTimeoutMS=5000")) {
            MongoCollection<Document> buckets = client.getDatabase("t").getCollection("buckets");
            MongoCollection<Document> commits = client.getDatabase("t").getCollection("commits");
            String entry = "x".repeat(200);
            long end = System.nanoTime() + 12_000_000_000L;
            for (long n = 0; System.nanoTime() < end; n++) {
                String bucket = "b" + n % 20;
                if (n / 20 % 40 == 39) {
                    buckets.updateOne(Filters.eq("_id", bucket), Updates.set("e", List.of()));
                } else {
                    buckets.updateOne(Filters.eq("_id", bucket), Updates.push("e", entry), new UpdateOptions().upsert(true));
                }
                commits.insertOne(new Document("_id", n).append("p", "y".repeat(300)));
                written += 8_000;
            }
            long size;
            try (var files = Files.list(storeDir)) {
                size = Files.size(files.filter(f -> f.toString().endsWith(".mv")).findFirst().orElseThrow());
            }
            System.out.printf("store file: %d MB after ~%d MB of rewritten documents%n", size >> 20, written / 1_000_000);
            assertThat(size).as("file after ~%d MB of rewritten documents", written / 1_000_000)
                .isLessThan(64L * 1024 * 1024);
        }
    }
}
