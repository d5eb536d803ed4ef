package org.lianfang.quarantine.cases.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lianfang.quarantine.QuarantineSpringTest;

/**
 * The due-checks list and the quarantine board, in a community of their own so other tests' cases
 * do not count: what is due in the open window per compound and medic, and the day's numbers.
 */
class BoardsTest extends QuarantineSpringTest {

    private static final String COMMUNITY = "board-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void dueChecksAndTheBoardShowTheCommunitysDay() {
        CLOCK.set(Instant.parse("2020-03-10T00:30:00Z"));
        String a = open("compound-1", "2020-03-09");
        String b = open("compound-1", "2020-03-09");
        String c = open("compound-2", "2020-02-26");
        HttpResponse<String> reading = post("/api/v1/quarantines/" + a + "/temperatures",
                "{\"celsius\":36.4,\"method\":\"ORAL\",\"occurredAt\":\"2020-03-10T00:20:00Z\"}",
                "X-Actor", "medic-2", "X-Actor-Role", "medic", "X-Community-Id", COMMUNITY);
        assertThat(reading.statusCode()).as(reading.body()).isEqualTo(200);
        HttpResponse<String> fever = post("/api/v1/quarantines/" + b + "/temperatures",
                "{\"celsius\":38.0,\"method\":\"ORAL\",\"occurredAt\":\"2020-03-09T12:00:00Z\"}",
                "X-Actor", "medic-2", "X-Actor-Role", "medic", "X-Community-Id", COMMUNITY);
        assertThat(fever.statusCode()).as(fever.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode due = json(get("/api/v1/quarantines/due-checks", "X-Community-Id", COMMUNITY));
            assertThat(due.get("window").asText()).isEqualTo("2020-03-10/morning");
            assertThat(due.get("open").asBoolean()).isTrue();
            assertThat(due.get("items")).extracting(i -> i.get("caseId").asText()).containsExactlyInAnyOrder(b, c);
            assertThat(due.get("byCompound").get("compound-1").asInt()).isEqualTo(1);
            assertThat(due.get("byCompound").get("compound-2").asInt()).isEqualTo(1);
            assertThat(due.get("byMedic").get("medic-2").asInt()).isEqualTo(1);
            assertThat(due.get("byMedic").get("unassigned").asInt()).isEqualTo(1);
        });
        JsonNode medic2 = json(get("/api/v1/quarantines/due-checks?medic=medic-2", "X-Community-Id", COMMUNITY));
        assertThat(medic2.get("items")).extracting(i -> i.get("caseId").asText()).containsExactly(b);
        JsonNode limited = json(get("/api/v1/quarantines/due-checks", "X-Community-Id", COMMUNITY,
                "X-Actor-Compounds", "compound-2"));
        assertThat(limited.get("items")).extracting(i -> i.get("caseId").asText()).containsExactly(c);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode board = json(get("/api/v1/boards/quarantine", "X-Community-Id", COMMUNITY));
            assertThat(board.get("active").asInt()).isEqualTo(3);
            assertThat(board.get("activeByCompound").get("compound-1").asInt()).isEqualTo(2);
            assertThat(board.get("dueNow").asInt()).isEqualTo(2);
            assertThat(board.get("readingsToday").asInt()).isEqualTo(1);
            assertThat(board.get("startedToday").asInt()).isEqualTo(3);
            assertThat(board.get("referralsPending").asInt()).isEqualTo(1);
            assertThat(board.get("endingSoon")).extracting(e -> e.get("caseId").asText()).containsExactly(c);
        });
        JsonNode yesterday = json(get("/api/v1/boards/quarantine?date=2020-03-09", "X-Community-Id", COMMUNITY));
        assertThat(yesterday.get("feversToday").asInt()).isEqualTo(1);
        assertThat(yesterday.get("readingsToday").asInt()).isEqualTo(1);
        JsonNode elsewhere = json(get("/api/v1/boards/quarantine", "X-Community-Id", "nowhere"));
        assertThat(elsewhere.get("active").asInt()).isZero();
        assertThat(get("/api/v1/boards/quarantine?endingWithinDays=99", "X-Community-Id", COMMUNITY).statusCode())
                .isEqualTo(400);

        CLOCK.set(Instant.parse("2020-03-10T14:30:00Z"));
        sweep.sweep();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(get("/api/v1/boards/quarantine",
                "X-Community-Id", COMMUNITY)).get("missedToday").asInt()).as("the evening, missed by all three")
                .isEqualTo(3));
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.lianfang.quarantine.cases.command.MissedCheckSweep sweep;

    private String open(String compound, String arrival) {
        HttpResponse<String> created = post("/api/v1/quarantines", "{\"personId\":\"" + UUID.randomUUID()
                + "\",\"arrivalDate\":\"" + arrival + "\",\"kind\":\"HOME\",\"reason\":\"r\",\"compoundId\":\""
                + compound + "\"}", "X-Community-Id", COMMUNITY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asText();
    }
}
