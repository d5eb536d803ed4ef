package org.lianfang.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.lianfang.devstore.DevStore;
import org.lianfang.testing.MutableClock;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on the devstore's memory backend with a clock the tests move, shared by the web and
 * end-to-end tests (one application context). The registry's database lives in the same store, as
 * it does on one machine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@Import(QuarantineSpringTest.TestClock.class)
public abstract class QuarantineSpringTest {

    protected static final DevStore STORE = DevStore.memory();
    protected static final String STORE_URI = STORE.uri();
    protected static final MutableClock CLOCK = new MutableClock(Instant.parse("2020-01-25T02:00:00Z"));
    protected static final ObjectMapper JSON = new ObjectMapper();
    /** The county fever clinic, stubbed; it answers every referral with an acceptance unless a test says otherwise. */
    protected static final WireMockServer CLINIC = startClinic();
    protected static final String REFERRALS_PATH = "/api/v1/referrals";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("lianfang.mongodb.uri", () -> STORE_URI);
        registry.add("lianfang.mongodb.write-concern", () -> "w1");
        registry.add("quarantine.checks.sweep-interval", () -> "1h");
        clinicSettings().forEach((key, value) -> registry.add(key, () -> value));
    }

    /** The fever-clinic settings of the tests: a short read timeout, manual dispatch, a breaker that recovers fast. */
    protected static java.util.Map<String, String> clinicSettings() {
        return java.util.Map.of(
                "quarantine.fever-clinic.base-url", CLINIC.baseUrl(),
                "quarantine.fever-clinic.read-timeout", "5s",
                "quarantine.fever-clinic.dispatch-interval", "1h",
                "quarantine.fever-clinic.initial-backoff", "5s",
                "quarantine.fever-clinic.circuit-breaker.minimum-calls", "6",
                "quarantine.fever-clinic.circuit-breaker.sliding-window-size", "6",
                "quarantine.fever-clinic.circuit-breaker.open-for", "300ms",
                "quarantine.fever-clinic.circuit-breaker.half-open-calls", "1");
    }

    private static WireMockServer startClinic() {
        WireMockServer clinic = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        clinic.start();
        acceptEveryReferral(clinic);
        return clinic;
    }

    /** A clinic that keeps its word: the same Idempotency-Key always gets the same reference. */
    protected static void acceptEveryReferral(WireMockServer clinic) {
        clinic.stubFor(WireMock.post(REFERRALS_PATH).atPriority(10).willReturn(WireMock.aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"referenceId\":\"FC-{{request.headers.Idempotency-Key}}\",\"status\":\"ACCEPTED\"}")
                .withTransformers("response-template")));
    }

    /** Replaces the system clock for the domain, the web layer and the starts. */
    @TestConfiguration
    public static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    protected HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(identified(request, headers));
    }

    protected HttpResponse<String> get(String path, String... headers) {
        return send(identified(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET(), headers));
    }

    /**
     * The caller's identity headers: operator-1, an operator of anguo-road, unless the test names
     * others; a header given with the value {@code null} is left out.
     */
    private static HttpRequest.Builder identified(HttpRequest.Builder request, String... headers) {
        java.util.Map<String, String> identity = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        identity.put("X-Actor", "operator-1");
        identity.put("X-Actor-Role", "operator");
        identity.put("X-Community-Id", "anguo-road");
        for (int i = 0; i < headers.length; i += 2) {
            identity.put(headers[i], headers[i + 1]);
        }
        identity.forEach((name, value) -> {
            if (value != null) {
                request.header(name, value);
            }
        });
        return request;
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

    /**
     * Appends {@code payload} to another service's event store, as that service would: the store
     * this service consumes read-only (one machine, one embedded server, one database per service).
     */
    protected static void publish(String service, String aggregateType, String aggregateId, long sequence,
                                  Object payload, String communityId) {
        java.util.Map<String, Object> metadata = new java.util.HashMap<>();
        metadata.put(org.lianfang.contracts.MetadataKeys.SOURCE_SERVICE, service);
        metadata.put(org.lianfang.contracts.MetadataKeys.ACTOR, service + "-operator");
        if (payload instanceof org.lianfang.contracts.PersonScoped scoped) {
            metadata.put(org.lianfang.contracts.MetadataKeys.PERSON_IDS, scoped.personIds());
        }
        if (communityId != null) {
            metadata.put(org.lianfang.contracts.MetadataKeys.COMMUNITY_ID, communityId);
        }
        org.lianfang.eventstore.IndexedMongoEventStorageEngine.builder()
                .database(MONGO.getDatabase("lianfang_" + service))
                .eventSerializer(org.lianfang.eventstore.EventStoreSerializers.jackson())
                .snapshotSerializer(org.lianfang.eventstore.EventStoreSerializers.snapshots())
                .build()
                .appendEvents(new org.axonframework.eventhandling.GenericDomainEventMessage<>(aggregateType, aggregateId,
                        sequence, payload, org.axonframework.messaging.MetaData.from(metadata)));
    }

    private static final com.mongodb.client.MongoClient MONGO = com.mongodb.client.MongoClients.create(STORE_URI);

    protected static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
