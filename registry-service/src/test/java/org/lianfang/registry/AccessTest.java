package org.lianfang.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.registry.person.query.PersonIndex;

/**
 * Roles (401 without an identity, 403 for a role that may not) and jurisdiction (what is stored for
 * another community or compound does not exist for the caller: 404, and lists leave it out), and
 * the colour board that counts per compound × colour × origin and per owner.
 */
class AccessTest extends RegistrySpringTest {

    private static final String PERSONS = "/api/v1/persons";

    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @CsvSource({
            "POST, /api/v1/persons,         '',       401",
            "POST, /api/v1/persons,         auditor,  403",
            "POST, /api/v1/persons,         county,   403",
            "POST, /api/v1/persons,         medic,    403",
            "GET,  /api/v1/persons,         '',       401",
            "GET,  /api/v1/persons,         county,   403",
            "POST, /api/v1/compounds,       auditor,  403",
            "POST, /api/v1/households,      medic,    403",
            "POST, /api/v1/county-lists/pulls, auditor, 403",
            "GET,  /api/v1/boards/colours,  '',       401",
    })
    void rolesAreCheckedBeforeAnythingIsStored(String method, String path, String role, int status) {
        Snapshot before = snapshot();
        String body = "{\"name\":\"权限\",\"residentIdNumber\":\"410101199201010010\",\"origin\":\"LOCAL\"}";

        HttpResponse<String> response = method.equals("POST") ? postTo(port, path, body, "X-Actor-Role", role)
                : get(port, path, "X-Actor-Role", role);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aPersonOfAnotherCommunityOrCompoundDoesNotExistForTheCaller() {
        String id = json(post(port, returnee("辖区", "410101199201020016").replace("安国小区", "compound-a1")))
                .get("id").asText();
        Snapshot before = snapshot();

        assertThat(get(port, PERSONS + "/" + id, "X-Community-Id", "other-community").statusCode()).isEqualTo(404);
        assertThat(get(port, PERSONS + "/" + id + "/colour", "X-Community-Id", "other-community").statusCode())
                .isEqualTo(404);
        assertThat(get(port, PERSONS + "/" + id, "X-Actor-Compounds", "compound-b2").statusCode()).isEqualTo(404);
        assertThat(postTo(port, PERSONS + "/" + id + "/trace-calls", "{\"outcome\":\"REACHED\"}",
                "X-Community-Id", "other-community").statusCode()).isEqualTo(404);
        HttpResponse<String> again = post(port, returnee("辖区改", "410101199201020016"), "X-Community-Id",
                "other-community");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(404);
        assertThat(snapshot()).isEqualTo(before);

        assertThat(get(port, PERSONS + "/" + id, "X-Actor-Role", "auditor", "X-Community-Id", "*").statusCode())
                .isEqualTo(200);
        assertThat(get(port, PERSONS + "/" + id, "X-Actor-Role", "medic", "X-Actor-Compounds", "compound-a1")
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(get(port, PERSONS
                + "?compound=compound-a1")).get("items")).extracting(p -> p.get("id").asText()).contains(id));
        assertThat(json(get(port, PERSONS + "?compound=compound-a1", "X-Community-Id", "other-community"))
                .get("items")).isEmpty();
        assertThat(json(get(port, PERSONS + "?compound=compound-a1", "X-Actor-Compounds", "compound-b2"))
                .get("items")).isEmpty();
    }

    @Test
    void aWriteMustNameOneCommunity() {
        Snapshot before = snapshot();

        HttpResponse<String> all = post(port, returnee("全部", "410101199201030011"), "X-Community-Id", "*");
        HttpResponse<String> none = post(port, returnee("无", "410101199201030011"), "X-Community-Id", "");

        assertThat(fields(all)).contains("X-Community-Id");
        assertThat(fields(none)).contains("X-Community-Id");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void theBoardCountsPerCompoundColourAndOriginAndPerOwnerAndSurvivesARebuild() {
        String compound = "看板小区-" + UUID.randomUUID().toString().substring(0, 6);
        String wuhan = json(post(port, "{\"name\":\"看一\",\"residentIdNumber\":\"410101199201040017\",\"origin\":"
                + "\"WUHAN\",\"arrivalDate\":\"" + LocalDate.now() + "\",\"compound\":\"" + compound + "\"}"))
                .get("id").asText();
        post(port, "{\"name\":\"看二\",\"residentIdNumber\":\"410101199201050012\",\"origin\":\"ELSEWHERE\","
                + "\"arrivalDate\":\"" + LocalDate.now() + "\",\"compound\":\"" + compound + "\"}");
        postTo(port, PERSONS + "/" + wuhan + "/trace-calls", "{\"outcome\":\"REACHED\",\"calledBy\":\"看板员\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(board().get("owners").get(COMMUNITY)
                .path("看板员").asInt()).isEqualTo(1));
        JsonNode board = board();
        assertThat(cells(board, compound)).containsExactlyInAnyOrder("YELLOW WUHAN 1", "GREEN ELSEWHERE 1");
        assertThat(json(get(port, PERSONS + "?owner=" + URLEncoder.encode("看板员", StandardCharsets.UTF_8)))
                .get("items")).extracting(p -> p.get("id").asText()).containsExactly(wuhan);
        assertThat(json(get(port, "/api/v1/boards/colours", "X-Actor-Role", "county", "X-Community-Id", "*"))
                .get("cells")).isNotEmpty();
        assertThat(cells(json(get(port, "/api/v1/boards/colours", "X-Community-Id", "other-community")), compound))
                .isEmpty();

        TrackingEventProcessor index = processing.eventProcessor(PersonIndex.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        index.shutDown();
        index.resetTokens();
        assertThat(cells(board(), compound)).as("the reset emptied the index").isEmpty();
        index.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(board()).isEqualTo(board));
    }

    private JsonNode board() {
        HttpResponse<String> response = get(port, "/api/v1/boards/colours");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static java.util.List<String> cells(JsonNode board, String compound) {
        java.util.List<String> cells = new java.util.ArrayList<>();
        board.get("cells").forEach(c -> {
            if (c.get("compound").asText().equals(compound)) {
                cells.add(c.get("colour").asText() + " " + c.get("origin").asText() + " " + c.get("persons").asInt());
            }
        });
        return cells;
    }

    private static String returnee(String name, String number) {
        return "{\"name\":\"" + name + "\",\"residentIdNumber\":\"" + number + "\",\"origin\":\"WUHAN\","
                + "\"arrivalDate\":\"" + LocalDate.now() + "\",\"compound\":\"安国小区\",\"source\":\"SELF_REPORTED\"}";
    }
}
