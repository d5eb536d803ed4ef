package org.lianfang.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.devstore.DevStore;
import org.lianfang.eventstore.EventStoreSerializers;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
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
 * end-to-end tests (one application context). The checkpoint, quarantine and registry databases
 * live in the same store, as they do on one machine; tests write those services' events there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(VolunteerSpringTest.TestClock.class)
public abstract class VolunteerSpringTest {

    protected static final DevStore STORE = DevStore.memory();
    protected static final String STORE_URI = STORE.uri();
    protected static final MutableClock CLOCK = new MutableClock(Instant.parse("2020-02-01T00:00:00Z"));
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final String COMMUNITY = "anguo-road";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Long> SEQUENCES = new java.util.concurrent.ConcurrentHashMap<>();

    @LocalServerPort
    protected int port;
    @Autowired
    protected MongoClient mongo;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("lianfang.mongodb.uri", () -> STORE_URI);
        registry.add("lianfang.mongodb.write-concern", () -> "w1");
    }

    /** Replaces the system clock for the domain and the web layer. */
    @TestConfiguration
    public static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    /** An operator of {@link #COMMUNITY}. */
    protected static Map<String, String> operator() {
        return as("operator", COMMUNITY);
    }

    protected static Map<String, String> as(String role, String community) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Actor", role + "-1");
        headers.put("X-Actor-Role", role);
        headers.put("X-Community-Id", community);
        return headers;
    }

    protected HttpResponse<String> post(String path, String body) {
        return post(path, body, operator());
    }

    protected HttpResponse<String> post(String path, String body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    protected HttpResponse<String> delete(String path) {
        return send("DELETE", path, null, operator());
    }

    protected HttpResponse<String> get(String path) {
        return get(path, operator());
    }

    protected HttpResponse<String> get(String path, Map<String, String> headers) {
        return send("GET", path, null, headers);
    }

    protected JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return json(response);
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a registered and opened checkpoint into checkpoint-service's store and waits until it is known. */
    protected String openCheckpoint(String id, String name) {
        return openCheckpoint(id, name, COMMUNITY);
    }

    protected String openCheckpoint(String id, String name, String community) {
        Instant at = CLOCK.instant();
        publishCheckpoint(id, new org.lianfang.contracts.checkpoint.CheckpointRegistered(
                org.lianfang.contracts.checkpoint.CheckpointId.of(id), community, name,
                org.lianfang.contracts.checkpoint.CheckpointKind.ROAD_JUNCTION, "north gate", null, "checkpoint-op",
                at.minusSeconds(7200)));
        publishCheckpoint(id, new org.lianfang.contracts.checkpoint.CheckpointOpened(
                org.lianfang.contracts.checkpoint.CheckpointId.of(id), "checkpoint-op", at.minusSeconds(3600)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> isOpen(id));
        return id;
    }

    public void publishCheckpoint(String checkpointId, Object event) {
        publish("checkpoint", "Checkpoint", checkpointId, event);
    }

    /** Whether the service has learned that the checkpoint is open. */
    public boolean isOpen(String checkpointId) {
        org.bson.Document doc = mongo.getDatabase("lianfang_volunteer").getCollection("volunteer_checkpoints")
                .find(com.mongodb.client.model.Filters.eq("_id", checkpointId)).first();
        return doc != null && Boolean.TRUE.equals(doc.getBoolean("open"));
    }

    /** How many commits the service's own event store holds: a refused request adds none. */
    protected long storedCommits() {
        return mongo.getDatabase("lianfang_volunteer").getCollection(IndexedMongoEventStorageEngine.COMMITS)
                .countDocuments();
    }

    protected static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /**
     * Appends {@code event} to another service's event store, as that service would: the volunteer
     * service reads it with its own tracking processor.
     */
    protected void publish(String service, String aggregateType, String aggregateId, Object event) {
        IndexedMongoEventStorageEngine engine = IndexedMongoEventStorageEngine.builder()
                .database(mongo.getDatabase("lianfang_" + service))
                .eventSerializer(EventStoreSerializers.jackson())
                .snapshotSerializer(EventStoreSerializers.snapshots())
                .build();
        long sequence = SEQUENCES.merge(service + "|" + aggregateId, 1L, Long::sum) - 1;
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(MetadataKeys.SOURCE_SERVICE, service);
        metadata.put(MetadataKeys.ACTOR, service + "-operator");
        metadata.put(MetadataKeys.COMMUNITY_ID, COMMUNITY);
        metadata.put(MetadataKeys.PERSON_IDS, event instanceof PersonScoped scoped ? scoped.personIds() : List.of());
        engine.appendEvents(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, event,
                MetaData.from(metadata)));
    }
}
