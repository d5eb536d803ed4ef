package org.lianfang.volunteer.board.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lianfang.volunteer.VolunteerSpringTest;

/** The volunteer board: coverage gaps this hour, deliveries today, rounds done and missing. */
class BoardWebTest extends VolunteerSpringTest {

    private static final String BOARD_COMMUNITY = "board-community";

    @Test
    void theBoardShowsGapsDeliveriesAndRoundsOfItsCommunity() {
        CLOCK.set(Instant.parse("2020-02-05T01:30:00Z"));
        Map<String, String> op = as("operator", BOARD_COMMUNITY);
        String gate = openCheckpoint("board-gate-" + UUID.randomUUID(), "小区东门", BOARD_COMMUNITY);
        ok(post("/api/v1/shifts", "{\"checkpointId\":\"" + gate + "\",\"startsAt\":\"2020-02-05T01:00:00Z\","
                + "\"endsAt\":\"2020-02-05T03:00:00Z\",\"requiredHeadcount\":1}", op));
        String volunteer = ok(post("/api/v1/volunteers", "{\"name\":\"志愿者\",\"phone\":\"13800001234\","
                + "\"kind\":\"RESIDENT\"}", op)).get("id").asText();
        String order = "{\"compoundId\":\"compound-b\",\"address\":\"1号楼 101\",\"items\":[\"米\"],\"partner\":\"超市\","
                + "\"partnerKind\":\"SHOP\"}";
        ok(post("/api/v1/deliveries", order, op));
        String delivered = ok(post("/api/v1/deliveries", order, op)).get("id").asText();
        ok(post("/api/v1/deliveries/" + delivered + "/acceptance", "{\"volunteerId\":\"" + volunteer + "\"}", op));
        for (String step : new String[] {"pickup", "disinfection", "drop-off"}) {
            ok(post("/api/v1/deliveries/" + delivered + "/" + step, null, op));
        }
        for (String at : new String[] {"2020-02-04T23:00:00Z", "2020-02-05T01:00:00Z", "2020-02-05T01:20:00Z"}) {
            ok(post("/api/v1/disinfections", round("A", volunteer, at), op));
        }
        ok(post("/api/v1/disinfections", round("B", volunteer, "2020-02-05T01:00:00Z"), op));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode board = ok(get("/api/v1/boards/volunteers", op));
            assertThat(board.get("coverage").get("hour").asText()).isEqualTo("2020-02-05T01:00:00Z");
            assertThat(board.get("coverage").get("openCheckpoints").asInt()).isEqualTo(1);
            assertThat(board.get("coverage").get("gaps").findValuesAsText("gap")).containsExactly("UNDERSTAFFED");
            assertThat(board.get("deliveries").get("date").asText()).isEqualTo("2020-02-05");
            assertThat(board.get("deliveries").get("ordered").asInt()).isEqualTo(2);
            assertThat(board.get("deliveries").get("delivered").asInt()).isEqualTo(1);
            assertThat(board.get("deliveries").get("open").asInt()).isEqualTo(1);
            assertThat(board.get("disinfection").get("buildings").asInt()).isEqualTo(2);
            assertThat(board.get("disinfection").get("complete").asInt()).isEqualTo(0);
            assertThat(board.get("disinfection").get("roundsDone").asInt()).isEqualTo(3);
            assertThat(board.get("disinfection").get("roundsMissing").asInt()).isEqualTo(3);
            assertThat(board.get("disinfection").get("incomplete").findValuesAsText("building"))
                    .containsExactly("A", "B");
        });

        assertThat(get("/api/v1/boards/volunteers?communityId=" + BOARD_COMMUNITY, as("county", "*")).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/v1/boards/volunteers", as("county", "*")).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/boards/volunteers?communityId=" + BOARD_COMMUNITY, operator()).statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/boards/volunteers", Map.of("X-Actor", "x")).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/boards/volunteers", as("admin", BOARD_COMMUNITY)).statusCode()).isEqualTo(403);
    }

    private static String round(String building, String volunteer, String at) {
        return "{\"compoundId\":\"compound-b\",\"building\":\"" + building + "\",\"areas\":[\"DOORS\",\"LIFTS\"],"
                + "\"volunteerIds\":[\"" + volunteer + "\"],\"performedAt\":\"" + at + "\"}";
    }
}
