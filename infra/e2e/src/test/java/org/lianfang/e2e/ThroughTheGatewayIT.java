package org.lianfang.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.devstore.DevStore;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proving slice as a client sees it: the embedded store, registry-service and the gateway,
 * each started here on a random port; every request goes through the gateway.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThroughTheGatewayIT {

    private static final Duration START = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final String IDENTITY_KEY = "e2e-identity-key-" + UUID.randomUUID();
    static final String ADMIN_KEY = "lf_e2e-admin-" + UUID.randomUUID();
    static String operatorKey;
    static DevStore store;
    static IsolatedApp registry;
    static IsolatedApp gateway;
    static MongoClient mongo;

    @BeforeAll
    static void startSuite() {
        LogCapture.install();
        store = DevStore.memory();
        registry = IsolatedApp.start("registry-service", Map.of(
                "lianfang.mongodb.uri", store.uri(),
                "lianfang.mongodb.write-concern", "w1",
                "lianfang.security.identity-key", IDENTITY_KEY), START);
        String nowhere = "http://127.0.0.1:" + IsolatedApp.freePort();
        gateway = IsolatedApp.start("gateway", Map.of(
                "LIANFANG_REGISTRY_URL", registry.url(),
                "LIANFANG_QUARANTINE_URL", nowhere,
                "LIANFANG_CHECKPOINT_URL", nowhere,
                "LIANFANG_VOLUNTEER_URL", nowhere,
                "LIANFANG_MONGODB_URI", store.uri(),
                "LIANFANG_IDENTITY_KEY", IDENTITY_KEY,
                "LIANFANG_ADMIN_API_KEY", ADMIN_KEY), START);
        mongo = MongoClients.create(store.uri());
        operatorKey = createClient("operator", "anguo");
    }

    /** Creates an API client through the admin API with the bootstrap admin key; returns its key. */
    static String createClient(String role, String community) {
        try {
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/v1/admin/clients"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + ADMIN_KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"e2e " + role + "\",\"role\":\"" + role
                            + "\",\"communityId\":\"" + community + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            return JSON.readTree(created.body()).path("apiKey").asText();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopSuite() {
        if (gateway != null) {
            gateway.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private static MongoCollection<Document> registryEvents() {
        return mongo.getDatabase("lianfang_registry").getCollection("event_commits");
    }

    private static HttpResponse<String> post(String path, String body, String idempotencyKey, String correlationId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + operatorKey)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String pathOrUrl) throws IOException, InterruptedException {
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : URI.create(gateway.url() + pathOrUrl);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + operatorKey).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String person(String name, String idNumber) {
        return """
                {"name": "%s", "residentIdNumber": "%s", "phone": "19900000001",
                 "origin": "WUHAN", "arrivalDate": "2020-01-22", "compound": "安国小区"}
                """.formatted(name, idNumber);
    }

    @Test
    @Order(1)
    void aPersonRegisteredThroughTheGatewayCanBeReadBackMaskedAndCarriesTheCorrelationId() throws Exception {
        String correlationId = "e2e-" + UUID.randomUUID();
        HttpResponse<String> created = post("/api/v1/persons", person("赵超（示例）", "411324196404209014"),
                "e2e-register-1", correlationId);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("X-Correlation-Id")).contains(correlationId);
        JsonNode body = JSON.readTree(created.body());
        String id = body.path("id").asText();
        assertThat(id).isNotBlank();

        HttpResponse<String> read = get("/api/v1/persons/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode person = JSON.readTree(read.body());
        assertThat(person.path("name").asText()).isEqualTo("赵超（示例）");
        assertThat(read.body()).doesNotContain("411324196404209014").contains("4113**********9014");

        Document commit = registryEvents().find().first();
        assertThat(commit).isNotNull();
        String metadata = commit.getList("events", Document.class).get(0).getString("m");
        assertThat(metadata).contains(correlationId).contains(id).contains("registry");
    }

    @Test
    @Order(2)
    void aRetryWithTheSameIdempotencyKeyAnswersTheSameAndStoresNothingNew() throws Exception {
        long before = registryEvents().countDocuments();
        String body = person("郭秀英（示例）", "411324199002149024");
        HttpResponse<String> first = post("/api/v1/persons", body, "e2e-register-2", null);
        HttpResponse<String> again = post("/api/v1/persons", body, "e2e-register-2", null);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(again.body()).path("id")).isEqualTo(JSON.readTree(first.body()).path("id"));
        assertThat(registryEvents().countDocuments()).isEqualTo(before + 1);

        HttpResponse<String> otherBody = post("/api/v1/persons", person("别人（示例）", "411324199002149024"),
                "e2e-register-2", null);
        assertThat(otherBody.statusCode()).isEqualTo(422);
    }

    @ParameterizedTest(name = "{0}")
    @Order(3)
    @CsvSource(delimiter = '|', textBlock = """
            missing name        | {"residentIdNumber": "411324196404209014", "origin": "LOCAL"}                              | name
            bad check digit     | {"name": "某（示例）", "residentIdNumber": "411324196404209015", "origin": "LOCAL"}         | residentIdNumber
            unknown field       | {"name": "某（示例）", "residentIdNumber": "411324196404209014", "origin": "LOCAL", "x": 1} | x
            wrong type          | {"name": "某（示例）", "residentIdNumber": "411324196404209014", "origin": 42}              | origin
            """)
    void badInputThroughTheGatewayIsAProblemNamingTheFieldAndStoresNothing(String what, String body, String field)
            throws Exception {
        long before = registryEvents().countDocuments();
        HttpResponse<String> response = post("/api/v1/persons", body, null, null);
        assertThat(response.statusCode()).as(what).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).as(what).contains("\"" + field + "\"");
        assertThat(registryEvents().countDocuments()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void anOversizedBodyIsRefusedWith413() throws Exception {
        long before = registryEvents().countDocuments();
        String huge = person("x".repeat(2_000_000), "411324196404209014");
        HttpResponse<String> response = post("/api/v1/persons", huge, null, null);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(registryEvents().countDocuments()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void withoutAKeyOrStraightToTheServiceARequestIsRefusedWith401() throws Exception {
        long before = registryEvents().countDocuments();
        HttpResponse<String> noKey = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/v1/persons"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(person("无钥（示例）", "411324196404209014"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noKey.statusCode()).isEqualTo(401);
        HttpResponse<String> direct = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + "/api/v1/persons"))
                .header("Content-Type", "application/json")
                .header("X-Actor", "intruder").header("X-Actor-Role", "admin").header("X-Community-Id", "anguo")
                .POST(HttpRequest.BodyPublishers.ofString(person("直连（示例）", "411324196404209014"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).isEqualTo(401);
        assertThat(direct.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(registryEvents().countDocuments()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void aServiceThatIsNotRunningIsA503ProblemNamingIt() throws Exception {
        HttpResponse<String> response = get("/api/v1/quarantines");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("quarantine");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    @Order(6)
    void whenTheRegistryStopsTheGatewayAnswers503AndAcknowledgedPersonsSurviveInTheStore() throws Exception {
        long stored = registryEvents().countDocuments();
        registry.close();
        HttpResponse<String> response = get("/api/v1/persons/" + UUID.randomUUID());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("registry");
        assertThat(registryEvents().countDocuments()).isEqualTo(stored);
        registry = null;
    }
}
