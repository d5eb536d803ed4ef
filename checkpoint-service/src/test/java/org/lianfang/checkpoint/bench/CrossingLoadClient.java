package org.lianfang.checkpoint.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.lianfang.checkpoint.people.RegistryPeople;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.eventstore.EventStoreSerializers;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.identity.IdentityCodec;
import org.lianfang.identity.SignedIdentity;

/**
 * The load side of {@code checkpoint-service/bench/crossings.sh}: a process of its own that drives
 * the store, checkpoint-service and the gateway, each already running as its own JVM, and compares
 * in one run raw driver inserts of the documents a crossing stores, crossings posted to the service
 * (with the identity the gateway would sign) and crossings posted through the gateway (API key).
 * Not a test.
 *
 * <p>Two measurements per contender, repeated in rounds that rotate the contenders' order:
 * throughput with every tablet posting its next crossing as soon as the last one was answered, and
 * latency at a fixed offered rate, measured from each request's scheduled start (a slow answer
 * delays the next request; counting from the scheduled time keeps that wait in the latency).
 */
public final class CrossingLoadClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMMUNITY = "bench";
    private List<String> contenders = List.of("raw", "service", "gateway");

    private final Map<String, String> o;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final IdentityCodec identities;
    private final AtomicLong tabletIds = new AtomicLong();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private MongoCollection<Document> raw;
    private Document rawTemplate;
    private List<String> personIds;
    private List<String> gates;
    private String operatorKey;

    private CrossingLoadClient(Map<String, String> options) {
        this.o = options;
        this.identities = new IdentityCodec(options.get("identity-key"), Clock.systemUTC());
        if (options.containsKey("floor")) {
            contenders = List.of("raw", "floor", "service", "gateway");
        }
    }

    /** One measured run: operations, wall time, and each operation's latency. */
    record Run(int operations, int failures, Duration elapsed, List<Long> latenciesNanos) {
        double perSecond() {
            return operations / (elapsed.toNanos() / 1e9);
        }

        double percentileMs(double p) {
            List<Long> sorted = new ArrayList<>(latenciesNanos);
            Collections.sort(sorted);
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size()))) / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new CrossingLoadClient(options).run();
    }

    private int opt(String name, int fallback) {
        return Integer.parseInt(o.getOrDefault(name, Integer.toString(fallback)));
    }

    private void run() throws Exception {
        int tablets = opt("tablets", 4);
        int crossings = opt("crossings", 1000);
        int runs = opt("runs", 3);
        int rate = opt("rate", 20);
        int rateSeconds = opt("rate-seconds", 15);
        try (MongoClient mongo = MongoClients.create(o.get("store"))) {
            raw = mongo.getDatabase("lianfang_bench_raw").getCollection("raw_crossings").withWriteConcern(WriteConcern.W1);
            personIds = seedPeople(mongo, opt("people", 500));
            operatorKey = createOperatorKey();
            gates = new ArrayList<>();
            for (int g = 0; g < opt("checkpoints", 2); g++) {
                gates.add(openGate(g));
            }
            warmUp(tablets, Math.max(200, crossings / 5), opt("warm-up-seconds", 600));
            rawTemplate = mongo.getDatabase("lianfang_checkpoint").getCollection(IndexedMongoEventStorageEngine.COMMITS)
                    .find(Filters.eq("type", "CheckpointCrossing")).first();
            if (rawTemplate == null) {
                throw new IllegalStateException("no crossing commit found to copy for the raw baseline");
            }
            closedLoop("raw", tablets, Math.max(200, crossings / 5));

            Map<String, List<Run>> throughput = new HashMap<>();
            Map<String, List<Run>> latency = new HashMap<>();
            for (int round = 0; round < runs; round++) {
                for (int c = 0; c < contenders.size(); c++) {
                    String contender = contenders.get((c + round) % contenders.size());
                    Run r = closedLoop(contender, tablets, crossings);
                    throughput.computeIfAbsent(contender, k -> new ArrayList<>()).add(r);
                    System.out.printf("round %d %s: %.0f/s p50 %.1f ms p99 %.1f ms (%d failed)%n", round + 1, contender,
                            r.perSecond(), r.percentileMs(0.5), r.percentileMs(0.99), r.failures());
                }
                for (int c = 0; c < contenders.size(); c++) {
                    String contender = contenders.get((c + round) % contenders.size());
                    Run r = fixedRate(contender, tablets, rate, rateSeconds);
                    latency.computeIfAbsent(contender, k -> new ArrayList<>()).add(r);
                    System.out.printf("round %d %s at %d/s: achieved %.0f/s p50 %.1f ms p99 %.1f ms (%d failed)%n",
                            round + 1, contender, rate, r.perSecond(), r.percentileMs(0.5), r.percentileMs(0.99),
                            r.failures());
                }
            }
            long commits = mongo.getDatabase("lianfang_checkpoint").getCollection(IndexedMongoEventStorageEngine.COMMITS)
                    .countDocuments();
            String report = report(throughput, latency, tablets, crossings, rate, rateSeconds, commits);
            Path out = Path.of(o.getOrDefault("out", "checkpoint-service/target/bench/crossings.md"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
            System.out.println(report);
        }
    }

    // ------------------------------------------------------------------ load

    /**
     * Crossings through the service and the gateway until both JVMs' JIT compilers have settled
     * (compiling for less than a tenth of a warm-up round's time; a Spring + Axon service keeps its
     * C2 compiler busy for tens of thousands of requests on 2 cores, and a measurement taken
     * before then is of the compiler, not of the code), at least two rounds, at most
     * {@code maxSeconds}.
     */
    private void warmUp(int tablets, int perRound, int maxSeconds) throws Exception {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        for (int round = 1; ; round++) {
            double serviceBefore = compilationMs(o.get("service"));
            double gatewayBefore = compilationMs(o.get("gateway"));
            long started = System.nanoTime();
            Run service = closedLoop("service", tablets, perRound);
            Run gateway = closedLoop("gateway", tablets, perRound);
            if (contenders.contains("floor")) {
                // after the service's round: the floor copies a crossing commit the service stored
                closedLoop("floor", tablets, perRound);
            }
            double roundMs = (System.nanoTime() - started) / 1e6;
            double serviceShare = (compilationMs(o.get("service")) - serviceBefore) / roundMs;
            double gatewayShare = (compilationMs(o.get("gateway")) - gatewayBefore) / roundMs;
            System.out.printf("warm-up round %d: service %.0f/s, gateway %.0f/s; compiling %.0f %% (service), "
                    + "%.0f %% (gateway) of the round%n", round, service.perSecond(), gateway.perSecond(),
                    100 * serviceShare, 100 * gatewayShare);
            boolean settled = serviceShare < 0.10 && gatewayShare < 0.10;
            if (round >= 2 && (settled || System.nanoTime() > deadline)) {
                warmUpNote = settled ? "warm-up: " + round + " rounds of " + perRound + " crossings per contender,"
                        + " until both JIT compilers settled (under 10 % of a round)"
                        : "warm-up: stopped after " + maxSeconds + " s (" + round + " rounds) with the JIT still"
                        + " compiling (service " + Math.round(100 * serviceShare) + " %, gateway "
                        + Math.round(100 * gatewayShare) + " % of a round)";
                System.out.println(warmUpNote);
                return;
            }
        }
    }

    private String warmUpNote = "";

    /** The JVM's accumulated JIT compilation time (ms) from its Prometheus endpoint; 0 if it has none. */
    private double compilationMs(String baseUrl) {
        try {
            // the gateway's operations endpoints take an admin key; the service's are open on its port
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl
                    + "/actuator/prometheus")).header("Authorization", "Bearer " + o.get("admin-key"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return 0;
            }
            return response.body().lines().filter(line -> line.startsWith("jvm_compilation_time_ms_total"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    private Run closedLoop(String contender, int tablets, int total) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tablets);
        try {
            List<Future<Run>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < tablets; t++) {
                int count = total / tablets + (t < total % tablets ? 1 : 0);
                Tablet tablet = new Tablet(contender, t);
                futures.add(pool.submit(() -> {
                    List<Long> latencies = new ArrayList<>(count);
                    int failures = 0;
                    for (int i = 0; i < count; i++) {
                        long before = System.nanoTime();
                        failures += tablet.next() ? 0 : 1;
                        latencies.add(System.nanoTime() - before);
                    }
                    return new Run(count, failures, Duration.ZERO, latencies);
                }));
            }
            return collect(futures, start);
        } finally {
            pool.shutdownNow();
        }
    }

    private Run fixedRate(String contender, int tablets, int rate, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tablets);
        try {
            List<Future<Run>> futures = new ArrayList<>();
            long intervalNanos = (long) (1e9 * tablets / rate);
            int perTablet = Math.max(1, rate * seconds / tablets);
            long start = System.nanoTime();
            for (int t = 0; t < tablets; t++) {
                Tablet tablet = new Tablet(contender, t);
                long offset = intervalNanos * t / tablets;
                futures.add(pool.submit(() -> {
                    List<Long> latencies = new ArrayList<>(perTablet);
                    int failures = 0;
                    for (int i = 0; i < perTablet; i++) {
                        long scheduled = start + offset + i * intervalNanos;
                        long wait = scheduled - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        failures += tablet.next() ? 0 : 1;
                        latencies.add(System.nanoTime() - scheduled);
                    }
                    return new Run(perTablet, failures, Duration.ZERO, latencies);
                }));
            }
            return collect(futures, start);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Run collect(List<Future<Run>> futures, long start) throws Exception {
        List<Long> all = new ArrayList<>();
        int operations = 0;
        int failures = 0;
        for (Future<Run> f : futures) {
            Run r = f.get();
            all.addAll(r.latenciesNanos());
            operations += r.operations();
            failures += r.failures();
        }
        return new Run(operations, failures, Duration.ofNanos(System.nanoTime() - start), all);
    }

    /** One tablet at one gate, numbering its crossings; the contender decides where they go. */
    private final class Tablet {
        private final String contender;
        private final String id;
        private final String gate;
        private final int offset;
        private int sequence;

        Tablet(String contender, int index) {
            this.contender = contender;
            this.id = "tablet-" + runId + "-" + tabletIds.incrementAndGet();
            this.gate = gates == null ? null : gates.get(index % gates.size());
            this.offset = index * 7919;
        }

        boolean next() throws Exception {
            int i = sequence++;
            if (contender.equals("raw")) {
                Document doc = new Document(rawTemplate);
                doc.put("_id", UUID.randomUUID().toString());
                doc.put("a", id + "/" + i);
                if (rawTemplate.containsKey("z")) {
                    doc.put("z", id + "/" + i);
                }
                raw.insertOne(doc);
                return true;
            }
            String person = personIds.get((offset + i) % personIds.size());
            String body = "{\"tabletId\":\"" + id + "\",\"sequence\":" + i + ",\"occurredAt\":\""
                    + Instant.now().minusSeconds(1) + "\",\"subject\":\"PERSON\",\"personId\":\"" + person
                    + "\",\"direction\":\"" + (i % 2 == 0 ? "IN" : "OUT") + "\",\"temperatureCelsius\":36.5}";
            String path = "/api/v1/checkpoints/" + gate + "/crossings";
            if (contender.equals("floor")) {
                path = "/floor/checkpoints/" + gate + "/crossings";
            }
            HttpResponse<String> response = http.send(post(contender, path, body), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                System.err.println(contender + " " + response.statusCode() + " " + response.body());
                return false;
            }
            return true;
        }
    }

    private HttpRequest post(String contender, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (contender.equals("floor")) {
            return request.uri(URI.create(o.get("floor") + path)).build();
        }
        if (contender.equals("gateway")) {
            return request.uri(URI.create(o.get("gateway") + path)).header("Authorization", "Bearer " + operatorKey)
                    .build();
        }
        SignedIdentity identity = new SignedIdentity("bench-operator", "operator", COMMUNITY, List.of(), "POST", path,
                Instant.now().plusSeconds(30));
        return request.uri(URI.create(o.get("service") + path)).header(IdentityCodec.HEADER, identities.sign(identity))
                .header("X-Community-Id", COMMUNITY).build();
    }

    // ------------------------------------------------------------------ setup

    private String createOperatorKey() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(o.get("gateway")
                        + "/api/v1/admin/clients")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + o.get("admin-key")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench tablets " + runId
                        + "\",\"role\":\"operator\",\"communityId\":\"" + COMMUNITY + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating the operator client: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("apiKey").asText();
    }

    private String openGate(int index) throws Exception {
        HttpResponse<String> registered = http.send(post("service", "/api/v1/checkpoints", "{\"name\":\"北大门 "
                + index + "\",\"kind\":\"COMPOUND_GATE\",\"compoundId\":\"compound-bench\"}"),
                HttpResponse.BodyHandlers.ofString());
        if (registered.statusCode() != 201) {
            throw new IllegalStateException("registering a checkpoint: " + registered.statusCode() + " " + registered.body());
        }
        JsonNode checkpoint = JSON.readTree(registered.body());
        String id = checkpoint.get("id").asText();
        HttpResponse<String> opened = http.send(post("service", "/api/v1/checkpoints/" + id + "/open", ""),
                HttpResponse.BodyHandlers.ofString());
        if (opened.statusCode() / 100 != 2) {
            throw new IllegalStateException("opening a checkpoint: " + opened.statusCode() + " " + opened.body());
        }
        return id;
    }

    private static List<String> seedPeople(MongoClient mongo, int count) throws InterruptedException {
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
                    MetaData.from(Map.of(MetadataKeys.COMMUNITY_ID, COMMUNITY, MetadataKeys.PERSON_IDS,
                            List.of(id.value())))));
            ids.add(id.value());
        }
        MongoCollection<Document> people = mongo.getDatabase("lianfang_checkpoint").getCollection(RegistryPeople.PEOPLE);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (people.countDocuments(Filters.in("_id", ids)) < ids.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the gate did not learn the seeded people in time");
            }
            Thread.sleep(500);
        }
        return ids;
    }

    // ------------------------------------------------------------------ report

    private String report(Map<String, List<Run>> throughput, Map<String, List<Run>> latency, int tablets, int crossings,
                          int rate, int rateSeconds, long commits) {
        double rawRate = median(throughput.get("raw"), Run::perSecond);
        double serviceRate = median(throughput.get("service"), Run::perSecond);
        double gatewayRate = median(throughput.get("gateway"), Run::perSecond);
        StringBuilder s = new StringBuilder();
        s.append(String.format("Throughput: %d tablets at %d gates post crossings back to back (%d per run); "
                + "medians of %d runs, contenders alternating in rotating order; %s.%n%n", tablets, gates.size(),
                crossings, throughput.get("raw").size(), warmUpNote));
        s.append("| contender | median ops/s | runs | vs raw | p50 ms | p99 ms | failed |\n|---|---|---|---|---|---|---|\n");
        for (String c : contenders) {
            List<Run> runs = throughput.get(c);
            double m = median(runs, Run::perSecond);
            s.append(String.format("| %s | %,.0f | %s | %.1f %% | %.1f | %.1f | %d |%n", name(c), m,
                    join(runs, Run::perSecond, "%,.0f"), 100 * m / rawRate, median(runs, r -> r.percentileMs(0.5)),
                    median(runs, r -> r.percentileMs(0.99)), runs.stream().mapToInt(Run::failures).sum()));
        }
        s.append(String.format("%nRatios: service / raw **%.1f %%** (goal ≥ 70 %%), gateway / service **%.1f %%** "
                + "(goal ≥ 60 %%).%n", 100 * serviceRate / rawRate, 100 * gatewayRate / serviceRate));
        if (throughput.containsKey("floor")) {
            double floorRate = median(throughput.get("floor"), Run::perSecond);
            s.append(String.format("The stack's floor (a bare Spring MVC endpoint doing the same insert) / raw **%.1f %%**: "
                    + "a bare endpoint on the services' stack reaches no more on this machine; service / floor **%.1f %%**.%n",
                    100 * floorRate / rawRate, 100 * serviceRate / floorRate));
        }
        s.append(String.format("%n"));
        s.append(String.format("Latency at a fixed offered rate of %d crossings/s (%d tablets, %d s per run), from each "
                + "request's scheduled start; medians of the runs' p50 and p99:%n%n", rate, tablets, rateSeconds));
        s.append("| contender | achieved/s | p50 ms | p99 ms | runs (p50 / p99) | failed |\n|---|---|---|---|---|---|\n");
        for (String c : contenders) {
            List<Run> runs = latency.get(c);
            StringBuilder each = new StringBuilder();
            for (Run r : runs) {
                each.append(each.isEmpty() ? "" : "; ").append(String.format("%.1f / %.1f", r.percentileMs(0.5),
                        r.percentileMs(0.99)));
            }
            s.append(String.format("| %s | %.0f | %.1f | %.1f | %s | %d |%n", name(c), median(runs, Run::perSecond),
                    median(runs, r -> r.percentileMs(0.5)), median(runs, r -> r.percentileMs(0.99)), each,
                    runs.stream().mapToInt(Run::failures).sum()));
        }
        s.append(String.format("%n%,d commits in the checkpoint event store at the end.%n", commits));
        return s.toString();
    }

    private static String name(String contender) {
        return switch (contender) {
            case "raw" -> "raw `insertOne` of the crossing's commit document";
            case "floor" -> "the stack's floor: a bare Spring Boot MVC endpoint (JSON, validation) doing the same `insertOne`";
            case "service" -> "`POST /checkpoints/{id}/crossings` at checkpoint-service";
            default -> "the same through the gateway (API key)";
        };
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        double[] values = runs.stream().mapToDouble(f).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    private static String join(List<Run> runs, java.util.function.ToDoubleFunction<Run> f, String format) {
        List<String> parts = new ArrayList<>();
        runs.forEach(r -> parts.add(String.format(format, f.applyAsDouble(r))));
        return String.join(", ", parts);
    }
}
