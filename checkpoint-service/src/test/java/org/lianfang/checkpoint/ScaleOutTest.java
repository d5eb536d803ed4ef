package org.lianfang.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.checkpoint.CrossingDenied;
import org.lianfang.contracts.checkpoint.CrossingRecorded;
import org.lianfang.devstore.DevStore;
import org.lianfang.checkpoint.crossing.command.CrossingIds;
import org.lianfang.checkpoint.tracing.query.CrossingTraces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 11, scale-out: two instances of the service (two application contexts, as two processes
 * would be) on one store, with every tracking processor split into two segments. Tablets upload
 * crossings to both at once; no crossing is lost or recorded twice, the instances split the
 * segments through the token store and together deliver every event once. Then one instance is
 * shut down in the middle of the load: its tablet retries on the other instance, which takes over
 * the released segments and completes the projection. Last, one instance loses the store in the
 * middle of the load as if it had crashed ({@link StoreRelay} cut): it releases nothing, and the
 * other takes over its segments once their claims time out ({@code lianfang.processing.claim-timeout}).
 */
class ScaleOutTest {

    private static final Logger log = LoggerFactory.getLogger(ScaleOutTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String PROBE_GROUP = "scale-probe";
    private static final String PROBE = "scale_probe";
    private static final int PER_TABLET = 100;

    private final String community = "community-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final DevStore store = DevStore.memory();

    @AfterEach
    void stopEverything() {
        synchronized (contexts) {
            contexts.forEach(ScaleOutTest::closeQuietly);
            contexts.clear();
        }
        store.close();
    }

    @Test
    void twoInstancesShareTheWorkAndOneTakesOverWhenTheOtherStops() throws Exception {
        // one after the other: two Spring Boot apps starting at once in one JVM race in logging's
        // initialisation ("Unable to find Spring Environment in logger context", seen once in CI)
        ConfigurableApplicationContext b = start("B", store.uri());
        ConfigurableApplicationContext a = start("A", store.uri());
        try (MongoClient client = MongoClients.create(store.uri())) {
            MongoDatabase db = client.getDatabase("lianfang_checkpoint");
            String gate = openGate(port(a));

            // both instances hold segments of every split processor (the balancer shares them)
            awaitBothHoldSegments(a, b);

            // 1. two tablets, one per instance, concurrently
            Map<String, Ack> acks = new ConcurrentHashMap<>();
            CompletableFuture<Void> tabletA = CompletableFuture.runAsync(() ->
                    upload(gate, "tablet-a", 0, PER_TABLET, () -> new Target("A", port(a)), null, acks));
            CompletableFuture<Void> tabletB = CompletableFuture.runAsync(() ->
                    upload(gate, "tablet-b", 0, PER_TABLET, () -> new Target("B", port(b)), null, acks));
            CompletableFuture.allOf(tabletA, tabletB).get(5, TimeUnit.MINUTES);
            assertThat(acks).hasSize(2 * PER_TABLET).allSatisfy((crossing, ack) -> assertThat(ack.status()).isEqualTo(201));
            awaitTrue(Duration.ofSeconds(60), () -> db.getCollection(PROBE).countDocuments() == 2L * PER_TABLET);
            List<Document> firstHalf = db.getCollection(PROBE).find().into(new ArrayList<>());
            assertThat(firstHalf).allSatisfy(crossing -> assertThat(crossing.getInteger("n")).as("deliveries of %s", crossing.get("_id")).isEqualTo(1));
            assertThat(firstHalf.stream().flatMap(crossing -> crossing.getList("by", String.class).stream()).distinct())
                    .as("instances that projected").containsExactlyInAnyOrder("A", "B");

            // 2. the same again; instance B is shut down after its tablet's 30th upload of this round,
            // and the tablet sends what failed (and the rest) to A
            AtomicReference<ConfigurableApplicationContext> bAlive = new AtomicReference<>(b);
            AtomicInteger uploadedToB = new AtomicInteger();
            tabletA = CompletableFuture.runAsync(() ->
                    upload(gate, "tablet-a", PER_TABLET, 2 * PER_TABLET, () -> new Target("A", port(a)), null, acks));
            tabletB = CompletableFuture.runAsync(() -> upload(gate, "tablet-b", PER_TABLET, 2 * PER_TABLET,
                    () -> bAlive.get() != null ? new Target("B", port(bAlive.get())) : new Target("A", port(a)), uploadedToB, acks));
            awaitTrue(Duration.ofSeconds(120), () -> uploadedToB.get() >= 30);
            bAlive.set(null);
            b.close();
            synchronized (contexts) {
                contexts.remove(b);
            }
            CompletableFuture.allOf(tabletA, tabletB).get(5, TimeUnit.MINUTES);
            assertThat(acks).hasSize(4 * PER_TABLET).allSatisfy((crossing, ack) -> assertThat(ack.status()).isIn(200, 201));

            // A takes over B's segments, and every event is projected once
            awaitTrue(Duration.ofSeconds(60), () -> held(a, PROBE_GROUP).size() == 2
                    && held(a, CrossingTraces.PROCESSING_GROUP).size() == 2);
            awaitTrue(Duration.ofSeconds(90), () -> db.getCollection(PROBE).countDocuments() == 4L * PER_TABLET);
            List<Document> all = db.getCollection(PROBE).find().into(new ArrayList<>());
            assertThat(all).hasSize(4 * PER_TABLET).allSatisfy(crossing -> {
                assertThat(crossing.getList("events", String.class)).as("events of %s", crossing.get("_id")).hasSize(1);
                assertThat(crossing.getInteger("n")).as("deliveries of %s", crossing.get("_id")).isEqualTo(1);
            });
            awaitTrue(Duration.ofSeconds(60), () -> filedCrossings(db, gate) == 4 * PER_TABLET);
        }
    }

    /**
     * The crash: instance A reaches the store through a relay that is cut in the middle of the
     * load, so A neither finishes what it was doing nor releases its claims. A's tablet retries on
     * B (same tablet sequence, same {@code Idempotency-Key}); B takes over A's segments once their
     * claims time out, and nothing A acknowledged is lost.
     */
    @Test
    void whenOneInstanceLosesTheStoreMidLoadTheOtherTakesOverItsSegmentsAfterTheClaimTimeout() throws Exception {
        StoreRelay relay = new StoreRelay(store.port());
        ConfigurableApplicationContext a;
        ConfigurableApplicationContext b;
        try {
            b = start("B", store.uri()); // one after the other, see above
            a = start("A", relay.uri());
        } catch (Exception | AssertionError e) {
            relay.close();
            throw e;
        }
        try (relay; MongoClient client = MongoClients.create(store.uri())) {
            MongoDatabase db = client.getDatabase("lianfang_checkpoint");
            assertThat(relay.connections()).as("connections A made through the relay").isPositive();
            String gate = openGate(port(b));
            awaitBothHoldSegments(a, b);

            // two tablets at once, one per instance; A's store is cut after its tablet's 40th
            // acknowledged upload, and from then on that tablet sends everything (again) to B
            Map<String, Ack> acks = new ConcurrentHashMap<>();
            AtomicInteger uploadedToA = new AtomicInteger();
            CompletableFuture<Void> tabletA = CompletableFuture.runAsync(() -> upload(gate, "tablet-a", 0, 2 * PER_TABLET,
                    () -> relay.isCut() ? new Target("B", port(b)) : new Target("A", port(a)), uploadedToA, acks));
            CompletableFuture<Void> tabletB = CompletableFuture.runAsync(() ->
                    upload(gate, "tablet-b", 0, 2 * PER_TABLET, () -> new Target("B", port(b)), null, acks));
            awaitTrue(Duration.ofSeconds(120), () -> uploadedToA.get() >= 40);
            relay.cut();
            CompletableFuture.allOf(tabletA, tabletB).get(5, TimeUnit.MINUTES);

            // every upload was acknowledged, by A (before the cut) or by B
            assertThat(acks).hasSize(4 * PER_TABLET).allSatisfy((crossing, ack) -> assertThat(ack.status()).isIn(200, 201));
            List<String> ackedByA = acks.entrySet().stream().filter(entry -> entry.getValue().instance().equals("A"))
                    .map(Map.Entry::getKey).toList();
            assertThat(ackedByA).hasSizeGreaterThanOrEqualTo(40);
            assertThat(acks.values().stream().filter(ack -> ack.instance().equals("B")).count())
                    .as("acknowledged by B").isGreaterThanOrEqualTo(2L * PER_TABLET);

            // B holds every segment of every tracking processor once A's claims have timed out
            List<String> processors = trackingProcessors(b);
            assertThat(processors).contains(PROBE_GROUP, CrossingTraces.PROCESSING_GROUP);
            awaitTrue(Duration.ofSeconds(90), () -> processors.stream().allMatch(group -> held(b, group).size() == 2));

            // each acknowledged crossing (A's too) is stored exactly once: one recording event in its stream
            EventStore events = b.getBean(EventStore.class);
            Set<String> crossingIds = new HashSet<>();
            for (String tablet : List.of("tablet-a", "tablet-b")) {
                for (int sequence = 0; sequence < 2 * PER_TABLET; sequence++) {
                    crossingIds.add(CrossingIds.of(community, tablet, sequence));
                }
            }
            assertThat(crossingIds).allSatisfy(id -> assertThat(events.readEvents(id).asStream()
                    .filter(event -> event.getPayload() instanceof CrossingRecorded).count())
                    .as("recordings of %s", id).isEqualTo(1L));

            // the split projection is complete: every crossing once, with its one event; a delivery
            // is repeated only for an event A handled but could not confirm (its token stayed behind),
            // so at most one per segment, first by A and then by B
            awaitTrue(Duration.ofSeconds(90), () -> db.getCollection(PROBE).countDocuments() == 4L * PER_TABLET);
            List<Document> all = db.getCollection(PROBE).find().into(new ArrayList<>());
            assertThat(all).extracting(crossing -> crossing.getString("_id")).containsExactlyInAnyOrderElementsOf(crossingIds);
            assertThat(all).allSatisfy(crossing ->
                    assertThat(crossing.getList("events", String.class)).as("events of %s", crossing.get("_id")).hasSize(1));
            List<Document> repeated = all.stream().filter(crossing -> crossing.getInteger("n") != 1).toList();
            assertThat(repeated).as("deliveries repeated after the takeover").hasSizeLessThanOrEqualTo(2)
                    .allSatisfy(crossing -> {
                        assertThat(crossing.getInteger("n")).isEqualTo(2);
                        assertThat(crossing.getList("by", String.class)).containsExactlyInAnyOrder("A", "B");
                    });
            awaitFiled(db, gate, crossingIds, b);
            log.info("crash: {} crossings acknowledged by A before its store was cut, {} by B, {} deliveries repeated by B",
                    ackedByA.size(), acks.size() - ackedByA.size(), repeated.size());

            // and B answers for each crossing A acknowledged
            for (String key : ackedByA) {
                String[] tabletAndSequence = key.split("/");
                HttpResponse<String> crossing = get(port(b), "/api/v1/crossings/"
                        + CrossingIds.of(community, tabletAndSequence[0], Long.parseLong(tabletAndSequence[1])));
                assertThat(crossing.statusCode()).as(crossing.body()).isEqualTo(200);
                assertThat(JSON.readTree(crossing.body()).get("sequence").asLong()).isEqualTo(Long.parseLong(tabletAndSequence[1]));
            }
        }
        // A cannot release its claims (or withdraw its announcement) any more: closing it must not fail the test
        closeQuietly(a);
        synchronized (contexts) {
            contexts.remove(a);
        }
    }

    private ConfigurableApplicationContext start(String instance, String storeUri) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CheckpointApplication.class, Probe.class)
                .run("--server.port=0", "--lianfang.mongodb.uri=" + storeUri, "--lianfang.mongodb.write-concern=w1",
                        "--lianfang.processing.segments=2", "--lianfang.processing.token-claim-interval-ms=500",
                        "--lianfang.processing.claim-timeout=4s", "--lianfang.processing.balance-interval=500ms",
                        "--lianfang.idempotency.lock-timeout=3s",
                        "--probe.instance=" + instance, "--spring.main.banner-mode=off");
        synchronized (contexts) {
            contexts.add(context);
        }
        return context;
    }

    private static void closeQuietly(ConfigurableApplicationContext context) {
        try {
            context.close();
        } catch (RuntimeException e) {
            log.info("closing an instance failed (expected for one that lost its store): {}", e.toString());
        }
    }

    private static void awaitBothHoldSegments(ConfigurableApplicationContext a, ConfigurableApplicationContext b) {
        awaitTrue(Duration.ofSeconds(60), () -> !held(a, PROBE_GROUP).isEmpty() && !held(b, PROBE_GROUP).isEmpty()
                && !held(a, CrossingTraces.PROCESSING_GROUP).isEmpty()
                && !held(b, CrossingTraces.PROCESSING_GROUP).isEmpty());
        assertThat(union(held(a, PROBE_GROUP), held(b, PROBE_GROUP))).containsExactlyInAnyOrder(0, 1);
        assertThat(held(a, PROBE_GROUP)).doesNotContainAnyElementsOf(held(b, PROBE_GROUP));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static Set<Integer> held(ConfigurableApplicationContext context, String group) {
        return context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(group, TrackingEventProcessor.class)
                .map(processor -> Set.copyOf(processor.processingStatus().keySet()))
                .orElseThrow(() -> new AssertionError("no tracking processor " + group));
    }

    private static List<String> trackingProcessors(ConfigurableApplicationContext context) {
        return context.getBean(EventProcessingConfiguration.class).eventProcessors().values().stream()
                .filter(TrackingEventProcessor.class::isInstance).map(processor -> processor.getName()).sorted().toList();
    }

    private static Set<Integer> union(Set<Integer> one, Set<Integer> other) {
        Set<Integer> all = new HashSet<>(one);
        all.addAll(other);
        return all;
    }

    /**
     * The crossings filed at the gate, each once: a minute's pages may hold a crossing twice (a
     * delivery repeated after the takeover, by the instance that opened another page), and readers
     * merge pages by crossing id.
     */
    /** Every crossing in the tracing projection's minute pages; on a timeout, says which are not and where they are. */
    private void awaitFiled(MongoDatabase db, String gate, Set<String> crossingIds, ConfigurableApplicationContext b) {
        try {
            awaitTrue(Duration.ofSeconds(120), () -> filedCrossings(db, gate) == crossingIds.size());
        } catch (AssertionError e) {
            Set<String> filed = new HashSet<>();
            List<String> pages = new ArrayList<>();
            for (Document minute : db.getCollection(CrossingTraces.MINUTES).find()) {
                Document items = minute.get("items", Document.class);
                if (items != null && gate.equals(minute.getString("checkpointId"))) {
                    filed.addAll(items.keySet());
                }
                pages.add(minute.get("_id") + " checkpoint=" + minute.get("checkpointId") + " n=" + minute.get("n")
                        + " pages=" + minute.get("pages") + " items=" + (items == null ? 0 : items.size()));
            }
            Set<String> missing = new TreeSet<>(crossingIds);
            missing.removeAll(filed);
            List<String> tokens = new ArrayList<>();
            for (String collection : db.listCollectionNames()) {
                if (collection.toLowerCase(java.util.Locale.ROOT).contains("token")) {
                    for (Document token : db.getCollection(collection)
                            .find(Filters.eq("processorName", CrossingTraces.PROCESSING_GROUP))) {
                        tokens.add(token.get("segment") + " owner=" + token.get("owner") + " token=" + token.get("token"));
                    }
                }
            }
            throw new AssertionError(e.getMessage() + ": " + missing.size() + " of " + crossingIds.size()
                    + " crossings not in the minute pages: " + missing + "; pages: " + pages + "; tokens: " + tokens
                    + "; segments held by B: " + held(b, CrossingTraces.PROCESSING_GROUP), e);
        }
    }

    private static long filedCrossings(MongoDatabase db, String gate) {
        Set<String> filed = new HashSet<>();
        for (Document minute : db.getCollection(CrossingTraces.MINUTES).find(Filters.eq("checkpointId", gate))) {
            Document items = minute.get("items", Document.class);
            if (items != null) {
                filed.addAll(items.keySet());
            }
        }
        return filed.size();
    }

    private String openGate(int port) throws IOException, InterruptedException {
        HttpResponse<String> registered = post(port, "/api/v1/checkpoints",
                "{\"name\":\"1号门\",\"kind\":\"COMPOUND_GATE\",\"location\":\"安国路 1号\",\"compoundId\":\"compound-1\","
                        + "\"passRequiredToGoOut\":false}", null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String id = JSON.readTree(registered.body()).get("id").asText();
        HttpResponse<String> opened = post(port, "/api/v1/checkpoints/" + id + "/open", "", null);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        return id;
    }

    /** An instance a tablet sends to. */
    private record Target(String instance, int port) {
    }

    /** The answer a tablet finally got for one of its crossings, and from which instance. */
    private record Ack(int status, String instance) {
    }

    /**
     * One tablet's uploads of sequences [from, to), each with its own {@code Idempotency-Key}: a
     * failed connection, a 5xx (an instance on its way down or without its store) or a 409 in
     * flight (a key the lost instance had claimed, until its lease runs out) is retried with the
     * same sequence and key at whatever instance {@code target} names then.
     */
    private void upload(String gate, String tablet, int from, int to, Supplier<Target> target,
                        AtomicInteger uploaded, Map<String, Ack> acks) {
        Instant at = CheckpointSpringTest.CLOCK.instant().minusSeconds(3600);
        for (int sequence = from; sequence < to; sequence++) {
            String body = "{\"tabletId\":\"" + tablet + "\",\"sequence\":" + sequence + ",\"subject\":\"VEHICLE\","
                    + "\"plate\":\"豫R" + (10000 + sequence) + "\",\"occupants\":[],\"occupantCount\":1,\"direction\":\"IN\","
                    + "\"occurredAt\":\"" + at.plusSeconds(sequence) + "\"}";
            String key = tablet + "/" + sequence;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (true) {
                Target instance = target.get();
                try {
                    HttpResponse<String> response = post(instance.port(), "/api/v1/checkpoints/" + gate + "/crossings", body, key);
                    boolean retry = response.statusCode() >= 500
                            || response.statusCode() == 409 && response.body().contains("idempotency-in-flight");
                    if (retry && System.nanoTime() < deadline) {
                        sleep(100);
                        continue;
                    }
                    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
                    acks.put(key, new Ack(response.statusCode(), instance.instance()));
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("crossing " + key + " never uploaded", e);
                    }
                    sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (uploaded != null) {
                uploaded.incrementAndGet();
            }
        }
    }

    private HttpResponse<String> post(int port, String path, String body, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("X-Actor", "operator-1")
                .header("X-Actor-Role", "operator").header("X-Community-Id", community)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-Actor", "operator-1").header("X-Actor-Role", "operator").header("X-Community-Id", community)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitTrue(Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + within);
            }
            sleep(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Test-only projection in a split processing group of its own: per crossing, how often an
     * event of it was delivered, which events, and by which instance.
     */
    @ProcessingGroup(PROBE_GROUP)
    static class Probe {

        private final MongoDatabase db;
        private final String instance;

        Probe(MongoDatabase serviceDatabase, @Value("${probe.instance}") String instance) {
            this.db = serviceDatabase;
            this.instance = instance;
        }

        @EventHandler
        void on(CrossingRecorded event, DomainEventMessage<?> message) {
            count(message);
        }

        @EventHandler
        void on(CrossingDenied event, DomainEventMessage<?> message) {
            count(message);
        }

        private void count(DomainEventMessage<?> message) {
            db.getCollection(PROBE).updateOne(Filters.eq("_id", message.getAggregateIdentifier()),
                    Updates.combine(Updates.inc("n", 1), Updates.addToSet("events", message.getIdentifier()),
                            Updates.addToSet("by", instance)),
                    new UpdateOptions().upsert(true));
        }
    }
}
