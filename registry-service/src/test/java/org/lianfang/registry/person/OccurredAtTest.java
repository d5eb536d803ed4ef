package org.lianfang.registry.person;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lianfang.registry.RegistrySpringTest;

/** A registration or trace call written down later says when it happened; the trail shows that time. */
class OccurredAtTest extends RegistrySpringTest {

    private static final Instant FORM = Instant.parse("2020-01-23T02:00:00Z");
    private static final Instant CALL = Instant.parse("2020-01-23T03:30:00Z");

    @Test
    void aBackdatedRegistrationAndTraceCallCarryWhenTheyHappened() {
        HttpResponse<String> registered = post(port, "{\"name\":\"纸表\",\"residentIdNumber\":\"41010119960101001X\","
                + "\"origin\":\"WUHAN\",\"arrivalDate\":\"2020-01-22\",\"compound\":\"安国小区\","
                + "\"source\":\"SELF_REPORTED\",\"occurredAt\":\"" + FORM + "\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String id = json(registered).get("id").asText();
        assertThat(Instant.parse(json(registered).get("registeredAt").asText())).isEqualTo(FORM);
        HttpResponse<String> called = postTo(port, "/api/v1/persons/" + id + "/trace-calls",
                "{\"outcome\":\"REACHED\",\"occurredAt\":\"" + CALL + "\"}");
        assertThat(called.statusCode()).as(called.body()).isEqualTo(200);

        Map<String, JsonNode> trail = trail(id, "");
        assertThat(Instant.parse(trail.get("PersonRegistered").get("occurredAt").asText())).isEqualTo(FORM);
        assertThat(Instant.parse(trail.get("PersonRegistered").get("recordedAt").asText())).isAfter(FORM);
        assertThat(Instant.parse(trail.get("TraceCallRecorded").get("occurredAt").asText())).isEqualTo(CALL);
        assertThat(Instant.parse(trail.get("TraceCallRecorded").get("payload").get("calledAt").asText()))
                .isEqualTo(CALL);
        assertThat(trail(id, "?occurredBefore=2020-01-23T03:00:00Z")).containsKey("PersonRegistered")
                .doesNotContainKey("TraceCallRecorded");
    }

    @Test
    void anOccurredAtInTheFutureIsA400NamingIt() {
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        assertThat(fields(post(port, "{\"name\":\"未来\",\"residentIdNumber\":\"410101199601020015\","
                + "\"origin\":\"LOCAL\",\"occurredAt\":\"" + future + "\"}"))).containsExactly("occurredAt");
        String id = json(post(port, "{\"name\":\"未来\",\"residentIdNumber\":\"410101199601020015\","
                + "\"origin\":\"LOCAL\"}")).get("id").asText();
        assertThat(fields(postTo(port, "/api/v1/persons/" + id + "/trace-calls",
                "{\"outcome\":\"REACHED\",\"occurredAt\":\"" + future + "\"}"))).containsExactly("occurredAt");
        assertThat(fields(postTo(port, "/api/v1/persons/" + id + "/trace-calls",
                "{\"outcome\":\"REACHED\",\"occurredAt\":\"yesterday\"}"))).containsExactly("occurredAt");
    }

    private Map<String, JsonNode> trail(String id, String query) {
        HttpResponse<String> response = get(port, "/api/v1/internal/persons/" + id + "/events" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> byType = new HashMap<>();
        json(response).get("events").forEach(e -> byType.putIfAbsent(e.get("type").asText(), e));
        return byType;
    }
}
