package org.lianfang.platform.chain;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.devstore.DevStore;
import org.lianfang.eventstore.EngineSeams;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.platform.testapp.Http;
import org.lianfang.platform.testapp.TestApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hash chain over a service's event store, each test on a fresh store, with the background
 * chainer off so that every round is driven (and counted) by the test.
 */
class ChainTest {

    private static final String DATABASE = "lianfang_chain_test";
    private static final String[] AUDITOR = {"X-Actor", "aud-1", "X-Actor-Role", "auditor", "X-Community-Id", "*"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private DevStore store;
    private MongoClient client;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @BeforeEach
    void store() {
        store = DevStore.memory();
        client = MongoClients.create(store.uri());
    }

    @AfterEach
    void close() {
        contexts.forEach(ConfigurableApplicationContext::close);
        client.close();
        store.close();
    }

    private ConfigurableApplicationContext start(String... extra) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : List.of("--server.port=0", "--lianfang.mongodb.uri=" + store.uri(),
                "--lianfang.service-name=chain-test", "--lianfang.chain.interval=0s", "--lianfang.chain.batch-size=3",
                // No leased index blocks: these tests count hashes across restarts and instances, and an
                // abandoned lease leaves gaps the chain only passes after its gap timeout.
                "--lianfang.event-store.index-lease-lifetime=0s")) {
            settings.put(setting.substring(0, setting.indexOf('=')), setting);
        }
        for (String setting : extra) {
            settings.put(setting.substring(0, setting.indexOf('=')), setting);
        }
        List<String> args = new ArrayList<>(settings.values());
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
                .run(args.toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    private static Http http(ConfigurableApplicationContext context) {
        return new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static String createWidget(ConfigurableApplicationContext context, String name) {
        HttpResponse<String> created = http(context).postJson("/api/v1/widgets",
                "{\"name\":\"" + name + "\",\"count\":1,\"personIds\":[\"p-" + name + "\"]}",
                "X-Actor", "op-1", "X-Community-Id", "anguo");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asText();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static JsonNode verify(ConfigurableApplicationContext context, String query) {
        HttpResponse<String> response = http(context).get("/api/v1/internal/chain/verify" + query, AUDITOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static EventChainer chainer(ConfigurableApplicationContext context) {
        return context.getBean(EventChainer.class);
    }

    private static int chainAll(ConfigurableApplicationContext context) {
        int total = 0;
        for (int added = chainer(context).runOnce(); added > 0; added = chainer(context).runOnce()) {
            total += added;
        }
        return total;
    }

    private MongoDatabase db() {
        return client.getDatabase(DATABASE);
    }

    /** Every event of the store in global order, as {globalIndex, eventId, aggregateId}. */
    private static List<JsonNode> storedEvents(ConfigurableApplicationContext context) {
        List<JsonNode> events = new ArrayList<>();
        String cursor = "";
        while (true) {
            JsonNode body = json(http(context).get("/api/v1/internal/events?limit=1000&after=" + cursor, AUDITOR));
            body.path("events").forEach(events::add);
            cursor = body.path("next").asText();
            if (body.path("events").isEmpty() && !body.path("held").asBoolean()) {
                return events;
            }
            if (body.path("events").isEmpty()) {
                try {
                    Thread.sleep(200); // held back at a gap still settling
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private List<Document> chainEntries() {
        List<Document> entries = new ArrayList<>();
        db().getCollection(ChainStore.ENTRIES).find().into(entries);
        entries.sort((a, b) -> Long.compare(((Number) a.get("_id")).longValue(), ((Number) b.get("_id")).longValue()));
        return entries;
    }

    @Test
    void theChainCoversEveryEventOnceInGlobalOrderAndVerifies() {
        ConfigurableApplicationContext app = start();
        String first = createWidget(app, "a");
        http(app).postJson("/api/v1/widgets/" + first + "/assignments?personId=p-x", "", "X-Actor", "op-1",
                "X-Community-Id", "anguo");
        for (int i = 0; i < 5; i++) {
            createWidget(app, "w" + i);
        }

        assertThat(chainAll(app)).isEqualTo(7);

        List<JsonNode> events = storedEvents(app);
        List<Document> entries = chainEntries();
        assertThat(entries).hasSize(events.size()).hasSize(7);
        for (int i = 0; i < events.size(); i++) {
            assertThat(((Number) entries.get(i).get("_id")).longValue()).isEqualTo(events.get(i).path("globalIndex").asLong());
            assertThat(entries.get(i).getString("eventId")).isEqualTo(events.get(i).path("eventId").asText());
        }
        JsonNode result = verify(app, "");
        assertThat(result.path("service").asText()).isEqualTo("chain-test");
        assertThat(result.path("verified").asBoolean()).isTrue();
        assertThat(result.path("checked").asInt()).isEqualTo(7);
        assertThat(result.path("headIndex").asLong()).isEqualTo(7);
        assertThat(result.path("headHash").asText()).isEqualTo(entries.get(6).getString("hash"));
        assertThat(result.path("firstMismatch").isNull()).isTrue();
        assertThat(result.path("next").isNull()).isTrue();

        JsonNode head = json(http(app).get("/api/v1/internal/chain/head", AUDITOR));
        assertThat(head.path("headIndex").asLong()).isEqualTo(7);
        assertThat(head.path("events").asLong()).isEqualTo(7);
        assertThat(head.path("holes").asLong()).isZero();
        assertThat(chainer(app).runOnce()).as("nothing new to chain").isZero();
    }

    @Test
    void anEventAlteredInTheDatabaseFailsVerificationAtExactlyThatEvent() {
        ConfigurableApplicationContext app = start();
        for (int i = 0; i < 6; i++) {
            createWidget(app, "w" + i);
        }
        chainAll(app);
        JsonNode target = storedEvents(app).get(3);
        long index = target.path("globalIndex").asLong();

        tamper(index, payload -> payload.replace("\"name\":\"w3\"", "\"name\":\"forged\""));

        JsonNode result = verify(app, "");
        assertThat(result.path("verified").asBoolean()).isFalse();
        assertThat(result.path("checked").asInt()).isEqualTo(3);
        JsonNode mismatch = result.path("firstMismatch");
        assertThat(mismatch.path("globalIndex").asLong()).isEqualTo(index);
        assertThat(mismatch.path("eventId").asText()).isEqualTo(target.path("eventId").asText());
        assertThat(mismatch.path("expected").asText()).isEqualTo(chainEntries().get(3).getString("hash"));
        assertThat(mismatch.path("actual").asText()).hasSize(64).isNotEqualTo(mismatch.path("expected").asText());
        assertThat(mismatch.path("reason").asText()).isEqualTo("the stored event differs from the chained one");

        // paging: the page before the altered event still verifies and says where to go on
        JsonNode before = verify(app, "?from=1&limit=3");
        assertThat(before.path("verified").asBoolean()).isTrue();
        assertThat(before.path("next").asLong()).isEqualTo(index);
        JsonNode at = verify(app, "?from=" + index + "&limit=2");
        assertThat(at.path("verified").asBoolean()).isFalse();
        assertThat(at.path("firstMismatch").path("globalIndex").asLong()).isEqualTo(index);
    }

    @Test
    void evenAnInsignificantChangeToTheStoredTextIsDetected() {
        ConfigurableApplicationContext app = start();
        createWidget(app, "w0");
        createWidget(app, "w1");
        chainAll(app);

        // the same JSON value, other bytes: proves the stored text is hashed, not a re-serialization
        tamper(2, payload -> payload.replace("{", "{ "));

        JsonNode result = verify(app, "");
        assertThat(result.path("verified").asBoolean()).isFalse();
        assertThat(result.path("firstMismatch").path("globalIndex").asLong()).isEqualTo(2);
    }

    @Test
    void singleEventsAreCheckedByTheirLinksIncludingAnEntryRehashedToMatchAForgery() {
        ConfigurableApplicationContext app = start();
        for (int i = 0; i < 6; i++) {
            createWidget(app, "w" + i);
        }
        chainAll(app);
        JsonNode clean = verify(app, "?globalIndexes=2,4,6,99");
        assertThat(clean.path("verified").asBoolean()).isTrue();
        assertThat(clean.path("checked").asInt()).as("99 is not chained").isEqualTo(3);

        tamper(4, payload -> payload.replace("\"name\":\"w3\"", "\"name\":\"forged\""));
        JsonNode plain = verify(app, "?globalIndexes=2,4");
        assertThat(plain.path("verified").asBoolean()).isFalse();
        assertThat(plain.path("checked").asInt()).isEqualTo(1);
        assertThat(plain.path("firstMismatch").path("globalIndex").asLong()).isEqualTo(4);

        // the forger also re-hashes the entry of the altered event: the next link gives it away
        StoredEvent forged = app.getBean(StoredEvents.class).after(3, 1, 4).get(0);
        String rehashed = ChainHash.of(forged, chainEntries().get(2).getString("hash"));
        db().getCollection(ChainStore.ENTRIES).updateOne(eq("_id", 4L),
                new Document("$set", new Document("hash", rehashed)));
        JsonNode result = verify(app, "?globalIndexes=4");
        assertThat(result.path("verified").asBoolean()).isFalse();
        assertThat(result.path("firstMismatch").path("globalIndex").asLong()).isEqualTo(5);
        assertThat(verify(app, "").path("firstMismatch").path("globalIndex").asLong()).isEqualTo(5);

        HttpResponse<String> tooMany = http(app).get("/api/v1/internal/chain/verify?globalIndexes="
                + "1,".repeat(201) + "1", AUDITOR);
        assertThat(tooMany.statusCode()).isEqualTo(400);
    }

    @Test
    void aPersonsEventsAnswerCarriesTheChainCheckedAtExactlyThoseEventsWhenAsked() {
        ConfigurableApplicationContext app = start();
        List<String> widgets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            widgets.add(createWidget(app, "w" + i));
        }
        HttpResponse<String> assigned = http(app).postJson("/api/v1/widgets/" + widgets.get(0)
                + "/assignments?personId=p-w3", "", "X-Actor", "op-1", "X-Community-Id", "anguo");
        assertThat(assigned.statusCode()).as(assigned.body()).isLessThan(300);
        chainAll(app);
        String path = "/api/v1/internal/persons/p-w3/events";

        JsonNode plain = json(http(app).get(path, AUDITOR));
        assertThat(plain.has("chain")).as("only when asked").isFalse();
        JsonNode answer = json(http(app).get(path + "?verify=true", AUDITOR));
        List<String> indexes = answer.path("events").findValuesAsText("globalIndex");
        assertThat(indexes).containsExactly("4", "7");
        JsonNode chain = answer.path("chain");
        assertThat(chain.path("service").asText()).isEqualTo("chain-test");
        assertThat(chain.path("verified").asBoolean()).isTrue();
        assertThat(chain.path("checked").asInt()).isEqualTo(2);
        assertThat(chain.path("firstMismatch").isNull()).isTrue();
        // the same answer as the chain's own endpoint gives for those indexes
        JsonNode separate = verify(app, "?globalIndexes=4,7");
        for (String field : List.of("verified", "from", "checked", "lastChecked", "headIndex", "headHash")) {
            assertThat(chain.path(field)).as(field).isEqualTo(separate.path(field));
        }

        // an anchored head's recorded hash comes with the answer, so the gateway needs no other call
        JsonNode anchored = json(http(app).get(path + "?verify=true&anchorIndex=5", AUDITOR));
        assertThat(anchored.path("anchorEntry").path("globalIndex").asLong()).isEqualTo(5);
        assertThat(anchored.path("anchorEntry").path("hash").asText()).isEqualTo(chainEntries().get(4).getString("hash"));
        assertThat(json(http(app).get(path + "?verify=true&anchorIndex=99", AUDITOR)).path("anchorEntry").isNull())
                .as("above the head: nothing recorded").isTrue();
        assertThat(json(http(app).get(path + "?verify=true&anchorIndex=99", AUDITOR)).has("anchorEntry")).isTrue();
        assertThat(plain.has("anchorEntry")).isFalse();
        HttpResponse<String> badAnchor = http(app).get(path + "?verify=true&anchorIndex=0", AUDITOR);
        assertThat(badAnchor.statusCode()).isEqualTo(400);
        assertThat(json(badAnchor).path("errors").get(0).path("field").asText()).isEqualTo("anchorIndex");

        tamper(7, payload -> payload.replace("{", "{ "));
        JsonNode tampered = json(http(app).get(path + "?verify=true", AUDITOR)).path("chain");
        assertThat(tampered.path("verified").asBoolean()).isFalse();
        assertThat(tampered.path("checked").asInt()).isEqualTo(1);
        assertThat(tampered.path("firstMismatch").path("globalIndex").asLong()).isEqualTo(7);
        assertThat(tampered.path("firstMismatch").path("reason").asText())
                .isEqualTo("the stored event differs from the chained one");

        // only the events answered are checked: before the altered one happened, the chain holds
        String at = answer.path("events").get(1).path("occurredAt").asText();
        JsonNode earlier = json(http(app).get(path + "?verify=true&occurredBefore=" + at, AUDITOR));
        assertThat(earlier.path("events").findValuesAsText("globalIndex")).containsExactly("4");
        assertThat(earlier.path("chain").path("verified").asBoolean()).isTrue();
        assertThat(earlier.path("chain").path("checked").asInt()).isEqualTo(1);
    }

    private void tamper(long globalIndex, java.util.function.UnaryOperator<String> change) {
        MongoCollection<Document> commits = db().getCollection(IndexedMongoEventStorageEngine.COMMITS);
        Document commit = commits.find(eq("_id", globalIndex)).first();
        assertThat(commit).as("the commit ending at %s", globalIndex).isNotNull();
        List<Document> events = commit.getList("events", Document.class);
        Document event = events.get((int) (globalIndex - commit.getLong("first")));
        String before = event.getString("p");
        event.put("p", change.apply(before));
        assertThat(event.getString("p")).isNotEqualTo(before);
        commits.replaceOne(eq("_id", globalIndex), commit);
    }

    @Test
    void aRestartResumesFromTheHeadWithoutHashingAgainOrSkipping() {
        ConfigurableApplicationContext first = start();
        for (int i = 0; i < 4; i++) {
            createWidget(first, "w" + i);
        }
        chainAll(first);
        List<Document> before = chainEntries();
        first.close();

        ConfigurableApplicationContext second = start();
        createWidget(second, "w4");
        createWidget(second, "w5");
        assertThat(chainAll(second)).isEqualTo(2);
        assertThat(chainer(second).hashedSinceStart()).as("only the new events were hashed").isEqualTo(2);
        List<Document> after = chainEntries();
        assertThat(after).hasSize(6);
        assertThat(after.subList(0, 4)).isEqualTo(before);
        assertThat(verify(second, "").path("verified").asBoolean()).isTrue();
    }

    @Test
    void aChainerThatDiedBeforeMovingTheHeadIsFollowedWithoutDuplicatesOrHoles() {
        ConfigurableApplicationContext app = start();
        for (int i = 0; i < 5; i++) {
            createWidget(app, "w" + i);
        }
        chainAll(app);
        // the entries 4 and 5 were written, the head never moved past 3
        Document entry3 = chainEntries().get(2);
        db().getCollection(ChainStore.HEAD).updateOne(eq("_id", "head"), new Document("$set",
                new Document("index", 3L).append("hash", entry3.getString("hash")).append("events", 3L)));
        List<Document> written = chainEntries();

        assertThat(chainAll(app)).isEqualTo(2);
        assertThat(chainEntries()).isEqualTo(written);
        JsonNode result = verify(app, "");
        assertThat(result.path("verified").asBoolean()).isTrue();
        assertThat(result.path("headIndex").asLong()).isEqualTo(5);
        assertThat(result.path("events").asLong()).isEqualTo(5);
    }

    @Test
    void aLateCommitIsChainedOnceInItsPlace() throws Exception {
        ConfigurableApplicationContext app = start("--lianfang.chain.gap-timeout=1h");
        createWidget(app, "w0");
        SlowCommit slow = SlowCommit.start(app, "late");
        createWidget(app, "w2");

        assertThat(chainAll(app)).as("only the contiguous prefix").isEqualTo(1);
        assertThat(chainEntries()).hasSize(1);

        slow.finish();
        assertThat(chainAll(app)).isEqualTo(2);
        List<JsonNode> events = storedEvents(app);
        List<Document> entries = chainEntries();
        assertThat(entries).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(((Number) entries.get(i).get("_id")).longValue()).isEqualTo(i + 1);
            assertThat(entries.get(i).getString("eventId")).isEqualTo(events.get(i).path("eventId").asText());
        }
        assertThat(events.get(1).path("aggregateId").asText()).isEqualTo(slow.widgetId());
        assertThat(chainer(app).hashedSinceStart()).as("each event hashed once").isEqualTo(3);
        assertThat(verify(app, "").path("verified").asBoolean()).isTrue();
    }

    @Test
    void aGapOlderThanTheTimeoutIsAHoleAndAnEventAppearingThereLaterIsReported() throws Exception {
        ConfigurableApplicationContext app = start("--lianfang.chain.gap-timeout=1m");
        createWidget(app, "w0");
        SlowCommit slow = SlowCommit.start(app, "stuck");
        createWidget(app, "w2");
        assertThat(chainAll(app)).isEqualTo(1);

        chainer(app).clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)));
        assertThat(chainAll(app)).as("the hole and the event after it").isEqualTo(2);
        List<Document> entries = chainEntries();
        assertThat(entries.get(1).getBoolean("hole")).isTrue();
        assertThat(entries.get(1).getString("eventId")).isNull();
        JsonNode verified = verify(app, "");
        assertThat(verified.path("verified").asBoolean()).isTrue();
        assertThat(verified.path("holes").asLong()).isEqualTo(1);

        slow.finish();
        JsonNode result = verify(app, "");
        assertThat(result.path("verified").asBoolean()).isFalse();
        assertThat(result.path("firstMismatch").path("globalIndex").asLong()).isEqualTo(2);
        assertThat(result.path("firstMismatch").path("eventId").asText()).isEqualTo(storedEvents(app).get(1).path("eventId").asText());
        assertThat(result.path("firstMismatch").path("reason").asText()).contains("hole");
    }

    @Test
    void twoInstancesOnOneStoreChainEveryEventExactlyOnce() throws Exception {
        ConfigurableApplicationContext a = start();
        ConfigurableApplicationContext b = start();
        for (int i = 0; i < 3; i++) {
            createWidget(a, "a" + i);
            createWidget(b, "b" + i);
        }
        assertThat(chainAll(a)).isEqualTo(6);
        assertThat(chainer(b).runOnce()).as("the lease is a's").isZero();

        // both race while both write events
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<Void> racers = CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> { while (writing.get()) { chainer(a).runOnce(); } }, threads),
                CompletableFuture.runAsync(() -> { while (writing.get()) { chainer(b).runOnce(); } }, threads));
        for (int i = 3; i < 8; i++) {
            createWidget(a, "a" + i);
            createWidget(b, "b" + i);
        }
        writing.set(false);
        racers.get(30, TimeUnit.SECONDS);
        threads.shutdown();
        chainAll(a);
        assertThat(chainer(b).hashedSinceStart()).isZero();
        assertThat(chainer(a).hashedSinceStart()).isEqualTo(16);

        a.close(); // releases the lease: b takes over where a stopped
        createWidget(b, "b8");
        assertThat(chainAll(b)).isEqualTo(1);
        assertThat(chainer(b).hashedSinceStart()).isEqualTo(1);
        assertThat(chainEntries()).hasSize(17);
        JsonNode result = verify(b, "");
        assertThat(result.path("verified").asBoolean()).isTrue();
        assertThat(result.path("checked").asInt()).isEqualTo(17);
    }

    @Test
    void theBackgroundChainerFollowsTheStoreAndTheEndpointsCheckTheirCallers() throws Exception {
        ConfigurableApplicationContext app = start("--lianfang.chain.interval=50ms");
        for (int i = 0; i < 4; i++) {
            createWidget(app, "w" + i);
        }
        JsonNode head = null;
        for (int attempt = 0; attempt < 400; attempt++) {
            head = json(http(app).get("/api/v1/internal/chain/head", AUDITOR));
            if (head.path("headIndex").asLong() == 4) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(head.path("headIndex").asLong()).isEqualTo(4);
        assertThat(verify(app, "").path("verified").asBoolean()).isTrue();

        assertThat(http(app).get("/api/v1/internal/chain/verify").statusCode()).isEqualTo(401);
        HttpResponse<String> badLimit = http(app).get("/api/v1/internal/chain/verify?limit=0", AUDITOR);
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(json(badLimit).path("errors").get(0).path("field").asText()).isEqualTo("limit");
        HttpResponse<String> badFrom = http(app).get("/api/v1/internal/chain/verify?from=0", AUDITOR);
        assertThat(badFrom.statusCode()).isEqualTo(400);

        // what an anchor of the head is compared with later: the recorded hash at that index
        JsonNode entries = json(http(app).get("/api/v1/internal/chain/entries?globalIndexes=4,2,99", AUDITOR));
        assertThat(entries.path("entries").findValuesAsText("globalIndex")).containsExactly("2", "4");
        assertThat(entries.path("entries").get(1).path("hash").asText()).isEqualTo(head.path("headHash").asText());
        assertThat(http(app).get("/api/v1/internal/chain/entries?globalIndexes=1").statusCode()).isEqualTo(401);
    }

    /** A widget creation that has taken its global index and waits before writing its commit. */
    private static final class SlowCommit {

        private final CountDownLatch release;
        private final CompletableFuture<String> created;
        private String widgetId;

        private SlowCommit(CountDownLatch release, CompletableFuture<String> created) {
            this.release = release;
            this.created = created;
        }

        static SlowCommit start(ConfigurableApplicationContext app, String name) throws InterruptedException {
            IndexedMongoEventStorageEngine engine = app.getBean(IndexedMongoEventStorageEngine.class);
            CountDownLatch allocated = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean once = new AtomicBoolean();
            EngineSeams.afterIndexAllocation(engine, () -> {
                if (once.compareAndSet(false, true)) {
                    allocated.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            CompletableFuture<String> created = CompletableFuture.supplyAsync(() -> createWidget(app, name));
            assertThat(allocated.await(30, TimeUnit.SECONDS)).as("the slow commit took its index").isTrue();
            EngineSeams.afterIndexAllocation(engine, () -> {
            });
            return new SlowCommit(release, created);
        }

        void finish() throws Exception {
            release.countDown();
            widgetId = created.get(30, TimeUnit.SECONDS);
        }

        String widgetId() {
            return widgetId;
        }
    }
}
