package org.lianfang.checkpoint;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
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
 * The service on the devstore's memory backend with a clock the tests move (one application
 * context for every Spring test). The registry's, quarantine's and volunteer's databases live in
 * the same store, as on one machine: tests publish those services' events straight into their
 * event stores, which this service reads with its own tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(CheckpointSpringTest.TestClock.class)
public abstract class CheckpointSpringTest {

    protected static final DevStore STORE = DevStore.memory();
    protected static final String STORE_URI = STORE.uri();
    protected static final MutableClock CLOCK = new MutableClock(Instant.parse("2020-02-03T02:00:00Z"));
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Long> NEXT_SEQUENCE = new ConcurrentHashMap<>();

    @LocalServerPort
    protected int port;
    @Autowired
    protected MongoClient mongo;
    @Autowired
    protected EventStore eventStore;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("lianfang.mongodb.uri", () -> STORE_URI);
        registry.add("lianfang.mongodb.write-concern", () -> "w1");
    }

    /** Replaces the system clock for the gate and the web layer. */
    @TestConfiguration
    public static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    /** Who calls: role and community (the identity headers the gateway will sign). */
    protected record As(String actor, String role, String community, String compounds) {
        public static As operator(String community) {
            return new As("operator-1", "operator", community, null);
        }

        public static As role(String role, String community) {
            return new As(role + "-1", role, community, null);
        }
    }

    protected static String community() {
        return "community-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected HttpResponse<String> post(As as, String path, String body, String... headers) {
        return send(as, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    protected HttpResponse<String> put(As as, String path, String body) {
        return send(as, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    protected HttpResponse<String> get(As as, String path) {
        return send(as, HttpRequest.newBuilder(uri(path)).GET());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(As as, HttpRequest.Builder request, String... headers) {
        if (as != null) {
            request.header("X-Actor", as.actor()).header("X-Actor-Role", as.role())
                    .header("X-Community-Id", as.community());
            if (as.compounds() != null) {
                request.header("X-Actor-Compounds", as.compounds());
            }
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
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

    /** Registers and opens a gate of {@code compound} in {@code community}; returns its id. */
    protected String openGate(String community, String compound, boolean passRequired) {
        HttpResponse<String> registered = post(As.operator(community), "/api/v1/checkpoints",
                "{\"name\":\"1号门\",\"kind\":\"COMPOUND_GATE\",\"location\":\"安国路 1号\",\"compoundId\":\"" + compound
                        + "\",\"passRequiredToGoOut\":" + passRequired + "}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String id = json(registered).get("id").asText();
        HttpResponse<String> opened = post(As.operator(community), "/api/v1/checkpoints/" + id + "/open", "");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(json(opened).get("open").asBoolean()).isTrue();
        return id;
    }

    /** The payloads of a stream of this service's event store. */
    protected List<Object> streamOf(String aggregateId) {
        List<Object> payloads = new ArrayList<>();
        eventStore.readEvents(aggregateId, 0).asStream().map(DomainEventMessage::getPayload).forEach(payloads::add);
        return payloads;
    }

    /** Appends events to another service's event store, as that service would (own sequence per stream). */
    protected void publish(String service, String community, String aggregateType, String aggregateId,
                           Object... events) {
        IndexedMongoEventStorageEngine engine = IndexedMongoEventStorageEngine.builder()
                .database(mongo.getDatabase("lianfang_" + service))
                .eventSerializer(EventStoreSerializers.jackson())
                .snapshotSerializer(EventStoreSerializers.snapshots())
                .build();
        for (Object event : events) {
            long sequence = NEXT_SEQUENCE.merge(service + "|" + aggregateId, 1L, Long::sum) - 1;
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put(MetadataKeys.SOURCE_SERVICE, service);
            metadata.put(MetadataKeys.ACTOR, service + "-staff");
            metadata.put(MetadataKeys.COMMUNITY_ID, community);
            if (event instanceof PersonScoped scoped) {
                metadata.put(MetadataKeys.PERSON_IDS, scoped.personIds());
            }
            engine.appendEvents(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, event,
                    MetaData.from(metadata)));
        }
    }
}
