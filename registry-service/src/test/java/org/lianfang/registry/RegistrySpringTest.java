package org.lianfang.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.devstore.DevStore;
import org.lianfang.eventstore.EventStoreSerializers;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.platform.pii.PiiHasher;
import org.lianfang.registry.person.command.ResidentIdClaims;
import org.lianfang.registry.person.query.PersonProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The registry on the devstore's memory backend, shared by every Spring test (one application
 * context). Other services' databases live in the same store, as on one machine, so a test can
 * publish their events where the registry's consumers read them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
public abstract class RegistrySpringTest {

    /**
     * mongo-java-server's memory backend as the devstore runs it. Lives as long as the JVM: the
     * cached application context keeps using it after the class.
     */
    protected static final DevStore STORE = DevStore.memory();
    protected static final String STORE_URI = STORE.uri();
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final String COMMUNITY = "anguo-road";
    /** The county's list API, stubbed; started once, as the shared context keeps pointing at it. */
    protected static final WireMockServer COUNTY = startCounty();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PERSONS = "/api/v1/persons";

    @LocalServerPort
    protected int port;
    @Autowired
    protected EventStore eventStore;
    @Autowired
    protected MongoClient mongo;
    @Autowired
    protected PiiHasher hasher;
    @Autowired
    protected EventProcessingConfiguration processing;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("lianfang.mongodb.uri", () -> STORE_URI);
        registry.add("lianfang.mongodb.write-concern", () -> "w1");
        registry.add("lianfang.registry.colour.zone", () -> ZoneId.systemDefault().getId());
        registry.add("lianfang.registry.county-lists.base-url", () -> "http://127.0.0.1:" + COUNTY.port());
        registry.add("lianfang.registry.county-lists.community-id", () -> COMMUNITY);
        registry.add("lianfang.registry.county-lists.auth-token", () -> "Bearer county-test");
        registry.add("lianfang.registry.county-lists.read-timeout", () -> "1s");
        registry.add("lianfang.registry.county-lists.backoff", () -> "10ms");
        registry.add("lianfang.registry.county-lists.breaker-window", () -> "1000");
    }

    private static WireMockServer startCounty() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort());
        server.start();
        return server;
    }

    /**
     * Appends {@code payload} to {@code service}'s own event store as that service would, with the
     * metadata every event carries.
     */
    protected void publish(String service, String aggregateType, String aggregateId, long sequence, Object payload,
            String communityId) {
        IndexedMongoEventStorageEngine engine = engineOf(service);
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(MetadataKeys.SOURCE_SERVICE, service);
        metaData.put(MetadataKeys.ACTOR, service + "-operator");
        if (communityId != null) {
            metaData.put(MetadataKeys.COMMUNITY_ID, communityId);
        }
        if (payload instanceof PersonScoped scoped) {
            metaData.put(MetadataKeys.PERSON_IDS, scoped.personIds());
        }
        engine.appendEvents(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload,
                MetaData.from(metaData)));
    }

    /** Every event in {@code service}'s own event store, in order. */
    protected List<TrackedEventMessage<?>> readAll(String service) {
        return engineOf(service).readEvents(null, false).<TrackedEventMessage<?>>map(e -> e).toList();
    }

    private IndexedMongoEventStorageEngine engineOf(String service) {
        return IndexedMongoEventStorageEngine.builder()
                .database(mongo.getDatabase("lianfang_" + service))
                .eventSerializer(EventStoreSerializers.jackson())
                .snapshotSerializer(EventStoreSerializers.snapshots())
                .build();
    }

    protected record Snapshot(int events, long persons, long claims) {
    }

    /** What is stored, once the projection has caught up with every person's last event. */
    protected Snapshot snapshot() {
        await().atMost(Duration.ofSeconds(30)).until(this::projectionCaughtUp);
        return new Snapshot(registeredEvents().size(),
                database().getCollection(PersonProjection.COLLECTION).countDocuments(),
                database().getCollection(ResidentIdClaims.COLLECTION).countDocuments());
    }

    protected boolean projectionCaughtUp() {
        Map<String, Long> last = new HashMap<>();
        List<TrackedEventMessage<?>> events = registeredEvents();
        Set<String> persons = new HashSet<>();
        events.stream().filter(e -> e.getPayload() instanceof PersonRegistered)
                .forEach(e -> persons.add(((DomainEventMessage<?>) e).getAggregateIdentifier()));
        events.stream().filter(e -> e instanceof DomainEventMessage<?> d && persons.contains(d.getAggregateIdentifier()))
                .map(e -> (DomainEventMessage<?>) e)
                .forEach(e -> last.merge(e.getAggregateIdentifier(), e.getSequenceNumber(), Math::max));
        Map<String, Long> projected = new HashMap<>();
        database().getCollection(PersonProjection.COLLECTION).find().forEach(d ->
                projected.put(d.getString("_id"), d.get("version", Number.class).longValue()));
        return last.entrySet().stream().allMatch(e -> e.getValue().equals(projected.get(e.getKey())));
    }

    protected List<TrackedEventMessage<?>> registeredEvents() {
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

    protected MongoDatabase database() {
        return mongo.getDatabase("lianfang_registry");
    }

    protected static HttpResponse<String> post(int port, String body, String... headers) {
        return postTo(port, PERSONS, body, headers);
    }

    /**
     * POSTs JSON as the default caller (actor {@code registrar-1}, role {@code operator}, community
     * {@code anguo-road}); a header given in {@code headers} replaces the default, an empty value drops it.
     */
    protected static HttpResponse<String> postTo(int port, String path, String body, String... headers) {
        return send(identified(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), headers));
    }

    protected static HttpResponse<String> delete(int port, String path, String... headers) {
        return send(identified(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).DELETE(),
                headers));
    }

    /** The fields a 400 validation problem names. */
    protected static List<String> fields(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        json(response).get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    protected static HttpResponse<String> get(int port, String path, String... headers) {
        return send(identified(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET(), headers));
    }

    private static HttpRequest.Builder identified(HttpRequest.Builder request, String... headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("X-Actor", "registrar-1");
        all.put("X-Actor-Role", "operator");
        all.put("X-Community-Id", COMMUNITY);
        for (int i = 0; i < headers.length; i += 2) {
            all.put(headers[i], headers[i + 1]);
        }
        all.forEach((name, value) -> {
            if (!value.isEmpty()) {
                request.header(name, value);
            }
        });
        return request;
    }

    protected static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
