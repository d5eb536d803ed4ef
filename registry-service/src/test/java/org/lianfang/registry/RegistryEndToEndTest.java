package org.lianfang.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.devstore.DevStore;
import org.lianfang.platform.pii.PiiHasher;
import org.lianfang.registry.person.command.ResidentIdClaims;
import org.lianfang.registry.person.query.PersonProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The proving slice, end to end over HTTP: register, read back, refuse bad input without storing
 * anything, idempotent retries across a restart, one person per ID number, health and metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class RegistryEndToEndTest {

    /**
     * mongo-java-server's memory backend as the devstore runs it. Lives as long as the JVM: the
     * cached application context keeps using it after the class.
     */
    private static final DevStore STORE = DevStore.memory();
    private static final String STORE_URI = STORE.uri();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PERSONS = "/api/v1/persons";

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    MongoClient mongo;
    @Autowired
    PiiHasher hasher;
    @Autowired
    EventProcessingConfiguration processing;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("lianfang.mongodb.uri", () -> STORE_URI);
        registry.add("lianfang.mongodb.write-concern", () -> "w1");
    }

    @Test
    void aRegisteredPersonCanBeReadBackWithTheIdNumberMasked() {
        HttpResponse<String> created = post(port, person("王五", "41132419900307456" + "2", "WUHAN"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        JsonNode body = json(created);
        String id = body.get("id").asText();
        assertThat(location).isEqualTo(PERSONS + "/" + id);
        assertThat(body.get("residentIdNumber").asText()).isEqualTo("4113**********4562");

        HttpResponse<String> read = get(port, location);

        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode person = json(read);
        assertThat(person.get("id").asText()).isEqualTo(id);
        assertThat(person.get("name").asText()).isEqualTo("王五");
        assertThat(person.get("residentIdNumber").asText()).isEqualTo("4113**********4562");
        assertThat(person.get("origin").asText()).isEqualTo("WUHAN");
        assertThat(person.get("arrivalDate").asText()).isEqualTo("2020-01-24");
        assertThat(person.get("communityId").asText()).isEqualTo("anguo-road");
        assertThat(person.get("registeredBy").asText()).isEqualTo("registrar-1");
        assertThat(read.body()).doesNotContain("411324199003074562");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                database().getCollection(PersonProjection.COLLECTION).find(new Document("_id", id)).first())
                .isNotNull());
        assertThat(registeredEvents()).extracting(e -> ((PersonRegistered) e.getPayload()).personId().value())
                .contains(id);
    }

    @Test
    void aPersonJustRegisteredCanBeReadBeforeTheProjectionCatchesUp() {
        EventProcessor projection = processing.eventProcessor(PersonProjection.PROCESSING_GROUP).orElseThrow();
        projection.shutDown();
        try {
            HttpResponse<String> created = post(port, person("赵六", "11010519491231002X", "HUBEI_OTHER"));
            String location = created.headers().firstValue("Location").orElseThrow();

            HttpResponse<String> read = get(port, location);

            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(json(read).get("name").asText()).isEqualTo("赵六");
            assertThat(database().getCollection(PersonProjection.COLLECTION)
                    .find(new Document("_id", json(created).get("id").asText())).first()).isNull();
        } finally {
            projection.start();
        }
    }

    @Test
    void anUnknownPersonIsA404Problem() {
        HttpResponse<String> response = get(port, PERSONS + "/" + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json(response).get("type").asText()).isEqualTo("https://lianfang.org/problems/not-found");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing name        | {\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\"} | name",
            "blank name          | {\"name\":\"  \",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\"} | name",
            "name too long       | {\"name\":\"" + "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN" + "\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\"} | name",
            "wrong check digit   | {\"name\":\"a\",\"residentIdNumber\":\"440304198512010018\",\"origin\":\"LOCAL\"} | residentIdNumber",
            "impossible birthday | {\"name\":\"a\",\"residentIdNumber\":\"440304198502300011\",\"origin\":\"LOCAL\"} | residentIdNumber",
            "too short id        | {\"name\":\"a\",\"residentIdNumber\":\"44030419851201001\",\"origin\":\"LOCAL\"} | residentIdNumber",
            "unknown field       | {\"name\":\"a\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\",\"colour\":\"red\"} | colour",
            "name as number      | {\"name\":7,\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\"} | name",
            "unknown origin      | {\"name\":\"a\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"MARS\"} | origin",
            "origin missing      | {\"name\":\"a\",\"residentIdNumber\":\"440304198512010019\"} | origin",
            "date not a date     | {\"name\":\"a\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"WUHAN\",\"arrivalDate\":\"yesterday\"} | arrivalDate",
            "arrival in future   | {\"name\":\"a\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"WUHAN\",\"arrivalDate\":\"2999-01-01\"} | arrivalDate",
            "returnee no arrival | {\"name\":\"a\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"WUHAN\"} | arrivalDate",
            "bad phone           | {\"name\":\"a\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\",\"phone\":\"12345\"} | phone",
    })
    void badInputIsA400NamingTheFieldAndNothingIsStored(String description, String body, String field) {
        Snapshot before = snapshot();

        HttpResponse<String> response = post(port, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = json(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://lianfang.org/problems/validation");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).contains(field);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void malformedJsonAndOversizedBodiesAreRefusedAndNothingIsStored() {
        Snapshot before = snapshot();

        HttpResponse<String> malformed = post(port, "{\"name\":\"a\",");
        HttpResponse<String> oversized = post(port, "{\"name\":\"a\",\"address\":\"" + "x".repeat(300 * 1024)
                + "\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\"}");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(oversized.statusCode()).isEqualTo(413);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void registeringTheSameIdNumberAgainAnswers200WithTheExistingPerson() {
        HttpResponse<String> first = post(port, person("孙七", "310115197001017512", "ELSEWHERE"));
        long events = registeredEvents().size();

        HttpResponse<String> again = post(port, person("孙七 (again)", "310115197001017512", "WUHAN"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("id").asText()).isEqualTo(json(first).get("id").asText());
        assertThat(json(again).get("name").asText()).isEqualTo("孙七");
        assertThat(registeredEvents()).hasSize((int) events);
    }

    @Test
    void aClaimLeftByARegistrationThatDiedIsCompletedByTheNextOne() {
        String number = "411324200002290015";
        String orphanId = UUID.randomUUID().toString();
        database().getCollection(ResidentIdClaims.COLLECTION).insertOne(new Document("_id", hasher.hash(number))
                .append("personId", orphanId).append("claimedAt", new Date()));

        HttpResponse<String> response = post(port, person("周八", number, "LOCAL"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response).get("id").asText()).isEqualTo(orphanId);
    }

    @Test
    void claimsHoldAKeyedHashNotTheIdNumber() {
        post(port, person("吴九", "110101198001010002", "LOCAL"));

        assertThat(database().getCollection(ResidentIdClaims.COLLECTION).find(
                new Document("_id", hasher.hash("110101198001010002"))).first()).isNotNull();
        database().getCollection(ResidentIdClaims.COLLECTION).find().forEach(claim ->
                assertThat(claim.toJson()).doesNotContain("110101198001010002"));
    }

    @Test
    void anIdempotentRetryReplaysTheFirstResponseEvenAfterARestart() {
        String key = "retry-" + UUID.randomUUID();
        String body = person("郑十", "41132419800101123X", "WUHAN");

        HttpResponse<String> first = post(port, body, "Idempotency-Key", key);
        long events = registeredEvents().size();
        HttpResponse<String> retry = post(port, body, "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");

        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(RegistryApplication.class)
                .run("--server.port=0", "--lianfang.mongodb.uri=" + STORE_URI, "--lianfang.mongodb.write-concern=w1")) {
            int restartedPort = ((WebServerApplicationContext) restarted).getWebServer().getPort();

            HttpResponse<String> afterRestart = post(restartedPort, body, "Idempotency-Key", key);
            HttpResponse<String> otherBody = post(restartedPort, person("郑十一", "41132419800101123X", "WUHAN"),
                    "Idempotency-Key", key);

            assertThat(afterRestart.statusCode()).isEqualTo(201);
            assertThat(afterRestart.body()).isEqualTo(first.body());
            assertThat(afterRestart.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(otherBody.statusCode()).isEqualTo(422);
            assertThat(get(restartedPort, first.headers().firstValue("Location").orElseThrow()).statusCode())
                    .isEqualTo(200);
        }
        assertThat(registeredEvents()).hasSize((int) events);
    }

    @Test
    void healthIsUpAndPrometheusHasAxonMetrics() {
        post(port, person("钱十二", "440304198512010019", "LOCAL"));

        HttpResponse<String> health = get(port, "/actuator/health");
        HttpResponse<String> prometheus = get(port, "/actuator/prometheus");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("UP");
        assertThat(json(health).get("components").get("mongo").get("status").asText()).isEqualTo("UP");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("commandBus", "eventProcessor", "person-view");
    }

    private static String person(String name, String idNumber, String origin) {
        String arrival = "LOCAL".equals(origin) ? "" : ",\"arrivalDate\":\"2020-01-24\"";
        return "{\"name\":\"" + name + "\",\"residentIdNumber\":\"" + idNumber + "\",\"phone\":\"19900000001\","
                + "\"origin\":\"" + origin + "\"" + arrival + ",\"compound\":\"安国小区\",\"address\":\"1号楼 1单元 100室\","
                + "\"transport\":\"自驾\",\"source\":\"COUNTY_LIST\"}";
    }

    private record Snapshot(int events, long persons, long claims) {
    }

    private Snapshot snapshot() {
        return new Snapshot(registeredEvents().size(),
                database().getCollection(PersonProjection.COLLECTION).countDocuments(),
                database().getCollection(ResidentIdClaims.COLLECTION).countDocuments());
    }

    private List<TrackedEventMessage<?>> registeredEvents() {
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                events.add(stream.nextAvailable());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return events;
    }

    private MongoDatabase database() {
        return mongo.getDatabase("lianfang_registry");
    }

    private static HttpResponse<String> post(int port, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PERSONS))
                .header("Content-Type", "application/json")
                .header("X-Actor", "registrar-1")
                .header("X-Community-Id", "anguo-road")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private static HttpResponse<String> get(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
