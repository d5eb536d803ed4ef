package org.lianfang.checkpoint.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.lianfang.checkpoint.CheckpointApplication;
import org.lianfang.checkpoint.people.RegistryPeople;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.devstore.DevStore;
import org.lianfang.eventstore.EventStoreSerializers;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Crossings recorded per second at the service (HTTP, no gateway), with the raw-insert baseline of
 * the same store in the same run. Not a test: run {@code checkpoint-service/bench/crossings.sh}.
 *
 * <p>Each crossing is a person known to the gate (read from the registry's events), going in or out
 * at an open gate, decided by every gate rule and stored as its own stream; client threads are
 * tablets with their own sequences. The baseline inserts documents of the crossing's size into one
 * collection of the same store with the same number of threads.
 *
 * <p>Arguments: {@code --crossings N} per run (default 2000), {@code --threads 1,4} (client
 * threads per run), {@code --people N} known people (default 500), {@code --out FILE}.
 */
public final class CrossingThroughputBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CrossingThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int crossings = Integer.parseInt(options.getOrDefault("crossings", "2000"));
        int people = Integer.parseInt(options.getOrDefault("people", "500"));
        List<Integer> threads = Arrays.stream(options.getOrDefault("threads", "1,4").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        Path out = Path.of(options.getOrDefault("out", "checkpoint-service/target/bench/crossings.md"));

        DevStore store = DevStore.memory();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(CheckpointApplication.class)
                .properties(Map.of("lianfang.mongodb.uri", store.uri(), "lianfang.mongodb.write-concern", "w1",
                        "server.port", "0", "logging.level.root", "WARN"))
                .run();
        try (MongoClient mongo = MongoClients.create(store.uri())) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + port;
            String gate = openGate(http, base);
            List<String> personIds = seedPeople(mongo, people);
            awaitPeople(mongo, personIds);

            List<String> rows = new ArrayList<>();
            rows.add("| run | threads | operations | ops/s | p50 ms | p99 ms |");
            rows.add("|---|---|---|---|---|---|");
            AtomicLong tablets = new AtomicLong();
            run(http, base, gate, personIds, Math.min(300, crossings), 2, tablets);
            for (int t : threads) {
                rows.add(row("raw insert (baseline)", t, rawInserts(mongo, crossings, t)));
                rows.add(row("POST crossing (service)", t, run(http, base, gate, personIds, crossings, t, tablets)));
            }
            long stored = mongo.getDatabase("lianfang_checkpoint").getCollection("event_commits").countDocuments();
            StringBuilder report = new StringBuilder()
                    .append("## Checkpoint crossings (service level)\n\n")
                    .append("Run ").append(Instant.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                    .append(" cores, embedded store (memory backend), ").append(people).append(" known people, ")
                    .append(stored).append(" commits in the checkpoint store at the end.\n\n");
            rows.forEach(r -> report.append(r).append('\n'));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report.toString());
            System.out.println(report);
            System.out.println("written to " + out.toAbsolutePath());
        } finally {
            app.close();
            store.close();
        }
    }

    private record Result(int operations, Duration elapsed, List<Long> latenciesNanos) {
    }

    private static String row(String name, int threads, Result result) {
        List<Long> sorted = new ArrayList<>(result.latenciesNanos());
        Collections.sort(sorted);
        double perSecond = result.operations() / (result.elapsed().toNanos() / 1e9);
        return String.format("| %s | %d | %d | %.0f | %.1f | %.1f |", name, threads, result.operations(), perSecond,
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6);
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }

    private static Result run(HttpClient http, String base, String gate, List<String> personIds, int total,
                              int threads, AtomicLong tablets) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                String tablet = "bench-tablet-" + tablets.incrementAndGet();
                int count = total / threads + (t < total % threads ? 1 : 0);
                int offset = t;
                futures.add(pool.submit(() -> {
                    List<Long> latencies = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        String person = personIds.get((offset * 7919 + i) % personIds.size());
                        String body = "{\"tabletId\":\"" + tablet + "\",\"sequence\":" + i + ",\"occurredAt\":\""
                                + Instant.now().minusSeconds(1) + "\",\"subject\":\"PERSON\",\"personId\":\"" + person
                                + "\",\"direction\":\"" + (i % 2 == 0 ? "IN" : "OUT") + "\",\"temperatureCelsius\":36.5}";
                        long before = System.nanoTime();
                        HttpResponse<String> response = http.send(post(base + "/api/v1/checkpoints/" + gate
                                + "/crossings", body), HttpResponse.BodyHandlers.ofString());
                        latencies.add(System.nanoTime() - before);
                        if (response.statusCode() != 201) {
                            throw new IllegalStateException(response.statusCode() + " " + response.body());
                        }
                    }
                    return latencies;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get());
            }
            return new Result(total, Duration.ofNanos(System.nanoTime() - start), all);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result rawInserts(MongoClient mongo, int total, int threads) throws Exception {
        MongoCollection<Document> raw = mongo.getDatabase("lianfang_bench_raw").getCollection("raw_crossings")
                .withWriteConcern(WriteConcern.W1);
        String payload = "x".repeat(900);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int count = total / threads + (t < total % threads ? 1 : 0);
                futures.add(pool.submit(() -> {
                    List<Long> latencies = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        long before = System.nanoTime();
                        raw.insertOne(new Document("_id", java.util.UUID.randomUUID().toString())
                                .append("payload", payload).append("at", Instant.now().toString()));
                        latencies.add(System.nanoTime() - before);
                    }
                    return latencies;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get());
            }
            return new Result(total, Duration.ofNanos(System.nanoTime() - start), all);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String openGate(HttpClient http, String base) throws IOException, InterruptedException {
        HttpResponse<String> registered = http.send(post(base + "/api/v1/checkpoints", "{\"name\":\"北大门\","
                + "\"kind\":\"COMPOUND_GATE\",\"compoundId\":\"compound-bench\"}"), HttpResponse.BodyHandlers.ofString());
        JsonNode checkpoint = JSON.readTree(registered.body());
        String id = checkpoint.get("id").asText();
        http.send(post(base + "/api/v1/checkpoints/" + id + "/open", ""), HttpResponse.BodyHandlers.ofString());
        return id;
    }

    private static List<String> seedPeople(MongoClient mongo, int count) {
        IndexedMongoEventStorageEngine registry = IndexedMongoEventStorageEngine.builder()
                .database(mongo.getDatabase("lianfang_registry"))
                .eventSerializer(EventStoreSerializers.jackson())
                .snapshotSerializer(EventStoreSerializers.snapshots())
                .build();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PersonId id = PersonId.random();
            String first17 = "411324" + LocalDate.of(1990, 1, 1).plusDays(i / 1000).toString().replace("-", "")
                    + String.format("%03d", i % 1000);
            String number = first17 + ResidentIdNumber.checkCharacter(first17);
            registry.appendEvents(new GenericDomainEventMessage<>("Person", id.value(), 0, new PersonRegistered(id,
                    "居民" + i, ResidentIdNumber.of(number), null, Origin.LOCAL, null, "compound-bench", null, null,
                    RegistrationSource.GRID_VISIT, Instant.now(), false, "registrar"),
                    MetaData.from(Map.of(MetadataKeys.COMMUNITY_ID, "bench", MetadataKeys.PERSON_IDS,
                            List.of(id.value())))));
            ids.add(id.value());
        }
        return ids;
    }

    private static void awaitPeople(MongoClient mongo, List<String> ids) throws InterruptedException {
        MongoCollection<Document> people = mongo.getDatabase("lianfang_checkpoint").getCollection(RegistryPeople.PEOPLE);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (people.countDocuments(Filters.in("_id", ids)) < ids.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the gate did not learn the seeded people in time");
            }
            Thread.sleep(200);
        }
    }

    private static HttpRequest post(String uri, String body) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-Actor", "bench-operator")
                .header("X-Actor-Role", "operator").header("X-Community-Id", "bench")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
