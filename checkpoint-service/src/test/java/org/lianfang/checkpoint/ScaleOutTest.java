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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.checkpoint.CrossingDenied;
import org.lianfang.contracts.checkpoint.CrossingRecorded;
import org.lianfang.devstore.DevStore;
import org.lianfang.checkpoint.tracing.query.CrossingTraces;
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
 * the released segments and completes the projection.
 */
class ScaleOutTest {

    private static final DevStore STORE = DevStore.memory();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String PROBE_GROUP = "scale-probe";
    private static final String PROBE = "scale_probe";
    private static final int PER_TABLET = 100;

    private final String community = "community-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @AfterAll
    static void stopStore() {
        STORE.close();
    }

    @Test
    void twoInstancesShareTheWorkAndOneTakesOverWhenTheOtherStops() throws Exception {
        CompletableFuture<ConfigurableApplicationContext> startingB = CompletableFuture.supplyAsync(() -> start("B"));
        ConfigurableApplicationContext a = start("A");
        ConfigurableApplicationContext b = startingB.get(5, TimeUnit.MINUTES);
        try (MongoClient client = MongoClients.create(STORE.uri())) {
            MongoDatabase db = client.getDatabase("lianfang_checkpoint");
            String gate = openGate(port(a));

            // both instances hold segments of every split processor (the balancer shares them)
            awaitTrue(Duration.ofSeconds(60), () -> !held(a, PROBE_GROUP).isEmpty() && !held(b, PROBE_GROUP).isEmpty()
                    && !held(a, CrossingTraces.PROCESSING_GROUP).isEmpty()
                    && !held(b, CrossingTraces.PROCESSING_GROUP).isEmpty());
            assertThat(union(held(a, PROBE_GROUP), held(b, PROBE_GROUP))).containsExactlyInAnyOrder(0, 1);
            assertThat(held(a, PROBE_GROUP)).doesNotContainAnyElementsOf(held(b, PROBE_GROUP));

            // 1. two tablets, one per instance, concurrently
            Map<String, Integer> statuses = new ConcurrentHashMap<>();
            CompletableFuture<Void> tabletA = CompletableFuture.runAsync(() ->
                    upload(gate, "tablet-a", 0, PER_TABLET, () -> port(a), null, statuses));
            CompletableFuture<Void> tabletB = CompletableFuture.runAsync(() ->
                    upload(gate, "tablet-b", 0, PER_TABLET, () -> port(b), null, statuses));
            CompletableFuture.allOf(tabletA, tabletB).get(5, TimeUnit.MINUTES);
            assertThat(statuses).hasSize(2 * PER_TABLET).allSatisfy((crossing, status) -> assertThat(status).isEqualTo(201));
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
                    upload(gate, "tablet-a", PER_TABLET, 2 * PER_TABLET, () -> port(a), null, statuses));
            tabletB = CompletableFuture.runAsync(() -> upload(gate, "tablet-b", PER_TABLET, 2 * PER_TABLET,
                    () -> bAlive.get() != null ? port(bAlive.get()) : port(a), uploadedToB, statuses));
            awaitTrue(Duration.ofSeconds(120), () -> uploadedToB.get() >= 30);
            bAlive.set(null);
            b.close();
            contexts.remove(b);
            CompletableFuture.allOf(tabletA, tabletB).get(5, TimeUnit.MINUTES);
            assertThat(statuses).hasSize(4 * PER_TABLET).allSatisfy((crossing, status) -> assertThat(status).isIn(200, 201));

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
        } finally {
            contexts.forEach(ConfigurableApplicationContext::close);
        }
    }

    private ConfigurableApplicationContext start(String instance) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CheckpointApplication.class, Probe.class)
                .run("--server.port=0", "--lianfang.mongodb.uri=" + STORE.uri(), "--lianfang.mongodb.write-concern=w1",
                        "--lianfang.processing.segments=2", "--lianfang.processing.token-claim-interval-ms=500",
                        "--lianfang.processing.claim-timeout=4s", "--lianfang.processing.balance-interval=500ms",
                        "--probe.instance=" + instance, "--spring.main.banner-mode=off");
        synchronized (contexts) {
            contexts.add(context);
        }
        return context;
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

    private static Set<Integer> union(Set<Integer> one, Set<Integer> other) {
        Set<Integer> all = new HashSet<>(one);
        all.addAll(other);
        return all;
    }

    private static long filedCrossings(MongoDatabase db, String gate) {
        long filed = 0;
        for (Document minute : db.getCollection(CrossingTraces.MINUTES).find(Filters.eq("checkpointId", gate))) {
            Document items = minute.get("items", Document.class);
            filed += items == null ? 0 : items.size();
        }
        return filed;
    }

    private String openGate(int port) throws IOException, InterruptedException {
        HttpResponse<String> registered = post(port, "/api/v1/checkpoints",
                "{\"name\":\"1号门\",\"kind\":\"COMPOUND_GATE\",\"location\":\"安国路 1号\",\"compoundId\":\"compound-1\","
                        + "\"passRequiredToGoOut\":false}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String id = JSON.readTree(registered.body()).get("id").asText();
        HttpResponse<String> opened = post(port, "/api/v1/checkpoints/" + id + "/open", "");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        return id;
    }

    /**
     * One tablet's uploads of sequences [from, to): a failed connection (the instance went away)
     * is retried, with the same tablet sequence, at whatever instance {@code port} names then.
     */
    private void upload(String gate, String tablet, int from, int to, java.util.function.IntSupplier port,
                        AtomicInteger uploaded, Map<String, Integer> statuses) {
        Instant at = CheckpointSpringTest.CLOCK.instant().minusSeconds(3600);
        for (int sequence = from; sequence < to; sequence++) {
            String body = "{\"tabletId\":\"" + tablet + "\",\"sequence\":" + sequence + ",\"subject\":\"VEHICLE\","
                    + "\"plate\":\"豫R" + (10000 + sequence) + "\",\"occupants\":[],\"occupantCount\":1,\"direction\":\"IN\","
                    + "\"occurredAt\":\"" + at.plusSeconds(sequence) + "\"}";
            for (int attempt = 1; ; attempt++) {
                try {
                    HttpResponse<String> response = post(port.getAsInt(), "/api/v1/checkpoints/" + gate + "/crossings", body);
                    if (response.statusCode() >= 500 && attempt < 20) {
                        continue; // an instance on its way down
                    }
                    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
                    statuses.put(tablet + "/" + sequence, response.statusCode());
                    break;
                } catch (IOException e) {
                    if (attempt >= 20) {
                        throw new AssertionError("crossing " + tablet + "/" + sequence + " never uploaded", e);
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

    private HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("X-Actor", "operator-1")
                .header("X-Actor-Role", "operator").header("X-Community-Id", community)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
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
