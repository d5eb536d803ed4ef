package org.lianfang.registry.privacy;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.ZoneId;
import java.util.List;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.privacy.PersonErased;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.devstore.DevStore;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The registry with crypto-shredding on (its own store, so no context without the master key ever
 * reads these events): a registered person's name, ID number, phone and address never reach the
 * event store in plain text, the registry still serves them, and after an admin erases the person
 * their events read as erased while the events themselves stay.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "lianfang.privacy.master-key=registry-test-master-key-0123456789abcdef")
class RegistryCryptoShreddingTest {

    private static final DevStore STORE = DevStore.memory();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String NAME = "欧阳娜娜";
    private static final String ID_NUMBER = "410101199001070019";
    private static final String PHONE = "13800138000";
    private static final String ADDRESS = "7号楼 2单元 301室";

    @LocalServerPort
    int port;
    @Autowired
    IndexedMongoEventStorageEngine engine;
    @Autowired
    MongoClient mongo;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("lianfang.mongodb.uri", STORE::uri);
        registry.add("lianfang.mongodb.write-concern", () -> "w1");
        registry.add("lianfang.registry.colour.zone", () -> ZoneId.systemDefault().getId());
        registry.add("lianfang.registry.county-lists.base-url", () -> "http://127.0.0.1:9");
        registry.add("lianfang.registry.county-lists.community-id", () -> "anguo-road");
        registry.add("lianfang.registry.county-lists.auth-token", () -> "Bearer county-test");
    }

    @Test
    void personalDataIsEncryptedAtRestServedInClearAndShreddedByErasure() {
        HttpResponse<String> created = send("POST", "/api/v1/persons", "{\"name\":\"" + NAME
                + "\",\"residentIdNumber\":\"" + ID_NUMBER + "\",\"phone\":\"" + PHONE + "\",\"origin\":\"ELSEWHERE\","
                + "\"arrivalDate\":\"2020-01-24\",\"compound\":\"安国小区\",\"address\":\"" + ADDRESS + "\"}",
                "operator", "anguo-road");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("id").asText();

        assertThat(eventStore()).doesNotContain(NAME, ID_NUMBER, PHONE, ADDRESS).contains("$enc");
        PersonRegistered registered = registered(id);
        assertThat(registered.name()).isEqualTo(NAME);
        assertThat(registered.residentIdNumber().value()).isEqualTo(ID_NUMBER);

        HttpResponse<String> erased = send("POST", "/api/v1/admin/privacy/persons/" + id + "/erasure",
                "{\"reason\":\"left the community, purpose ended\"}", "admin", "*");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(201);

        PersonRegistered after = registered(id);
        assertThat(after.name()).isEqualTo(PersonalData.ERASED);
        assertThat(after.phone()).isEqualTo(PersonalData.ERASED);
        assertThat(after.address()).isEqualTo(PersonalData.ERASED);
        assertThat(after.residentIdNumber()).isNull();
        assertThat(after.origin()).isEqualTo(registered.origin());
        assertThat(after.compound()).isEqualTo("安国小区");
        assertThat(events(id)).last().isInstanceOfSatisfying(PersonErased.class,
                e -> assertThat(e.reason()).isEqualTo("left the community, purpose ended"));
        assertThat(eventStore()).doesNotContain(NAME, ID_NUMBER, PHONE, ADDRESS);
    }

    private PersonRegistered registered(String id) {
        return (PersonRegistered) events(id).stream().filter(PersonRegistered.class::isInstance).findFirst().orElseThrow();
    }

    private List<Object> events(String id) {
        return engine.readPersonEvents(id).stream().map(TrackedEventMessage::getPayload).map(Object.class::cast).toList();
    }

    /** The registry's event store (commits and snapshots) and the keys, as stored. */
    private String eventStore() {
        StringBuilder all = new StringBuilder();
        MongoDatabase registry = mongo.getDatabase("lianfang_registry");
        for (String collection : List.of(IndexedMongoEventStorageEngine.COMMITS, IndexedMongoEventStorageEngine.SNAPSHOTS)) {
            registry.getCollection(collection).find().forEach(d -> all.append(d.toJson()).append('\n'));
        }
        mongo.getDatabase("lianfang_keys").getCollection("subject_keys").find()
                .forEach((Document d) -> all.append(d.toJson()).append('\n'));
        return all.toString();
    }

    private HttpResponse<String> send(String method, String path, String body, String role, String community) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("X-Actor", role + "-1").header("X-Actor-Role", role).header("X-Community-Id", community)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30)).build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
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
