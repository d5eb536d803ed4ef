package org.lianfang.registry.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.devstore.DevStore;
import org.lianfang.registry.person.command.ResidentIdClaims;
import org.lianfang.registry.person.query.PersonProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * After an erasure the registry's read side no longer names the person — not in {@code persons},
 * not in the keyed-hash claims, nowhere in its database — while the colour board counts them as
 * before; and the person view rebuilt from scratch (their registration now carrying no ID number)
 * shows them as erased instead of failing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "lianfang.privacy.master-key=registry-erasure-master-key-0123456789abcdef")
class RegistryErasureReadModelTest {

    private static final DevStore STORE = DevStore.memory();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String NAME = "司马相如";
    private static final String ID_NUMBER = "410101199001070019";
    private static final String PHONE = "13912345678";
    private static final String ADDRESS = "9号楼 1单元 502室";
    private static final String COMPOUND = "长乐小区";

    @LocalServerPort
    int port;
    @Autowired
    MongoClient mongo;
    @Autowired
    EventProcessingConfiguration processing;

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
    void erasureScrubsTheReadSideKeepsTheBoardAndSurvivesARebuild() {
        HttpResponse<String> created = send("POST", "/api/v1/persons", "{\"name\":\"" + NAME
                + "\",\"residentIdNumber\":\"" + ID_NUMBER + "\",\"phone\":\"" + PHONE + "\",\"origin\":\"WUHAN\","
                + "\"arrivalDate\":\"2020-01-24\",\"compound\":\"" + COMPOUND + "\",\"address\":\"" + ADDRESS + "\"}",
                "operator", "anguo-road");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Document doc = person(id);
            return doc != null && doc.getString("colour") != null;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> cells(board()).contains(" 1"));
        String colour = person(id).getString("colour");
        String board = cells(board());
        assertThat(database().getCollection(ResidentIdClaims.COLLECTION).find(Filters.eq("personId", id)).first())
                .isNotNull();
        assertThat(everything()).contains(NAME, PHONE, ADDRESS);

        HttpResponse<String> erased = send("POST", "/api/v1/admin/privacy/persons/" + id + "/erasure",
                "{\"reason\":\"purpose ended\"}", "admin", "*");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(person(id).getString("name")).isEqualTo(PersonalData.ERASED);
            assertThat(database().getCollection(ResidentIdClaims.COLLECTION).find(Filters.eq("personId", id)).first())
                    .isNull();
        });
        assertThat(everything()).doesNotContain(NAME, ID_NUMBER, PHONE, ADDRESS);
        Document scrubbed = person(id);
        assertThat(scrubbed.get("residentIdNumber")).isNull();
        assertThat(scrubbed.getString("phone")).isEqualTo(PersonalData.ERASED);
        assertThat(scrubbed.getString("address")).isEqualTo(PersonalData.ERASED);
        assertThat(scrubbed.getString("colour")).isEqualTo(colour);
        assertThat(scrubbed.getString("compound")).isEqualTo(COMPOUND);
        assertThat(cells(board())).isEqualTo(board);

        TrackingEventProcessor view = processing.eventProcessor(PersonProjection.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        view.shutDown();
        database().getCollection(PersonProjection.COLLECTION).drop();
        view.resetTokens();
        view.start();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Document rebuilt = person(id);
            assertThat(rebuilt).isNotNull();
            assertThat(rebuilt.getString("colour")).isEqualTo(colour);
        });
        Document rebuilt = person(id);
        assertThat(rebuilt.getString("name")).isEqualTo(PersonalData.ERASED);
        assertThat(rebuilt.get("residentIdNumber")).isNull();
        assertThat(rebuilt.getString("phone")).isEqualTo(PersonalData.ERASED);
        HttpResponse<String> shown = send("GET", "/api/v1/persons/" + id, null, "operator", "anguo-road");
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        assertThat(json(shown).get("name").asText()).isEqualTo(PersonalData.ERASED);
        assertThat(everything()).doesNotContain(NAME, ID_NUMBER, PHONE, ADDRESS);
        assertThat(cells(board())).isEqualTo(board);
    }

    private Document person(String id) {
        return database().getCollection(PersonProjection.COLLECTION).find(Filters.eq("_id", id)).first();
    }

    private MongoDatabase database() {
        return mongo.getDatabase("lianfang_registry");
    }

    /** Every document of every collection of every database in the store, as stored. */
    private String everything() {
        StringBuilder all = new StringBuilder();
        for (String name : mongo.listDatabaseNames()) {
            MongoDatabase db = mongo.getDatabase(name);
            for (String collection : db.listCollectionNames()) {
                db.getCollection(collection).find().forEach(d -> all.append(d.toJson()).append('\n'));
            }
        }
        return all.toString();
    }

    /** The board's cells of the test's compound, as one comparable text. */
    private String cells(JsonNode board) {
        StringBuilder cells = new StringBuilder();
        board.get("cells").forEach(c -> {
            if (c.get("compound").asText().equals(COMPOUND)) {
                cells.append(c.get("colour").asText()).append(' ').append(c.get("origin").asText()).append(' ')
                        .append(c.get("persons").asInt()).append('\n');
            }
        });
        return cells.toString();
    }

    private JsonNode board() {
        HttpResponse<String> response = send("GET", "/api/v1/boards/colours", null, "operator", "anguo-road");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private HttpResponse<String> send(String method, String path, String body, String role, String community) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("X-Actor", role + "-1").header("X-Actor-Role", role).header("X-Community-Id", community)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
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
