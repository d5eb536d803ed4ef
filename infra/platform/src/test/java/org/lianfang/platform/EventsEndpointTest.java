package org.lianfang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lianfang.platform.testapp.PlatformTest;

/** The per-person events and the event stream every service exposes to the gateway. */
class EventsEndpointTest extends PlatformTest {

    private static final String[] ANGUO_OPERATOR = {"X-Actor", "op-1", "X-Actor-Role", "operator", "X-Community-Id", "anguo"};

    private String createWidget(String person, String community) {
        HttpResponse<String> created = http.postJson("/api/v1/widgets",
                "{\"name\":\"w\",\"count\":1,\"personIds\":[\"" + person + "\"]}",
                "X-Actor", "op-1", "X-Community-Id", community, "X-Correlation-Id", "corr-" + person);
        assertThat(created.statusCode()).isEqualTo(201);
        return json(created).path("id").asText();
    }

    @Test
    void aPersonsEventsComeWithTypeTimesActorAndCorrelationInTheirCommunityOnly() {
        String person = "p-" + UUID.randomUUID();
        createWidget(person, "anguo");

        JsonNode body = json(http.get("/api/v1/internal/persons/" + person + "/events", ANGUO_OPERATOR));
        assertThat(body.path("events")).hasSize(1);
        JsonNode entry = body.path("events").get(0);
        assertThat(entry.path("type").asText()).isEqualTo("WidgetCreated");
        assertThat(entry.path("service").asText()).isEqualTo("platform-test");
        assertThat(entry.path("actor").asText()).isEqualTo("op-1");
        assertThat(entry.path("correlationId").asText()).isEqualTo("corr-" + person);
        assertThat(entry.path("summary").asText()).startsWith("Widget created");
        assertThat(entry.path("recordedAt").asText()).isNotBlank();
        assertThat(entry.path("personIds").get(0).asText()).isEqualTo(person);

        JsonNode other = json(http.get("/api/v1/internal/persons/" + person + "/events",
                "X-Actor", "op-2", "X-Actor-Role", "operator", "X-Community-Id", "elsewhere"));
        assertThat(other.path("events")).isEmpty();
        JsonNode before = json(http.get("/api/v1/internal/persons/" + person + "/events?asOf=2020-01-01T00:00:00Z",
                ANGUO_OPERATOR));
        assertThat(before.path("events")).isEmpty();
    }

    @Test
    void theStreamPagesThroughEveryEventOnceWithItsCursor() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(createWidget("p-stream-" + UUID.randomUUID(), "anguo"));
        }
        Set<String> seen = new HashSet<>();
        List<String> aggregates = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 1000; page++) {
            JsonNode body = json(http.get("/api/v1/internal/events?limit=2&after="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8), ANGUO_OPERATOR));
            for (JsonNode e : body.path("events")) {
                assertThat(seen.add(e.path("eventId").asText())).as("delivered once").isTrue();
                aggregates.add(e.path("aggregateId").asText());
            }
            if (body.path("events").isEmpty() && !body.path("held").asBoolean()) {
                break;
            }
            if (body.path("events").isEmpty()) {
                sleepQuietly(200); // held back at a gap still settling: ask again
            }
            cursor = body.path("next").asText();
        }
        assertThat(aggregates).containsAll(created);
    }

    @Test
    void aBadCursorOrLimitIsA400NamingTheParameter() {
        HttpResponse<String> cursor = http.get("/api/v1/internal/events?after=not-a-cursor", ANGUO_OPERATOR);
        assertThat(cursor.statusCode()).isEqualTo(400);
        assertThat(json(cursor).path("errors").get(0).path("field").asText()).isEqualTo("after");
        HttpResponse<String> limit = http.get("/api/v1/internal/events?limit=0", ANGUO_OPERATOR);
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(json(limit).path("errors").get(0).path("field").asText()).isEqualTo("limit");
        assertThat(http.get("/api/v1/internal/events").statusCode()).isEqualTo(401);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
