package org.lianfang.volunteer.shift.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.volunteer.VolunteerSpringTest;

/** Shifts over HTTP: planning at known checkpoints, no overlaps even under concurrency, attendance, bad input. */
class ShiftWebTest extends VolunteerSpringTest {

    private static final Instant NOW = Instant.parse("2020-02-01T00:00:00Z");
    private String checkpoint;

    @BeforeEach
    void anOpenCheckpoint() {
        CLOCK.set(NOW);
        checkpoint = openCheckpoint("gate-" + java.util.UUID.randomUUID(), "安国路与建设路口");
    }

    private String volunteer(String name) {
        return ok(post("/api/v1/volunteers", "{\"name\":\"" + name + "\",\"phone\":\"13800001234\",\"kind\":\"RESIDENT\"}"))
                .get("id").asText();
    }

    private String shift(String from, String to, int required) {
        return ok(post("/api/v1/shifts", "{\"checkpointId\":\"" + checkpoint + "\",\"startsAt\":\"" + from
                + "\",\"endsAt\":\"" + to + "\",\"requiredHeadcount\":" + required + "}")).get("id").asText();
    }

    @Test
    void twoOverlappingShiftsAssignedAtOnceLeaveTheVolunteerOnExactlyOne() throws Exception {
        String volunteer = volunteer("党员陈");
        String morning = shift("2020-02-01T08:00:00Z", "2020-02-01T12:00:00Z", 2);
        String late = shift("2020-02-01T10:00:00Z", "2020-02-01T14:00:00Z", 2);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (String shift : List.of(morning, late)) {
            calls.add(() -> post("/api/v1/shifts/" + shift + "/assignments", "{\"volunteerId\":\"" + volunteer + "\"}"));
        }
        List<Integer> statuses = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
            statuses.add(f.get().statusCode());
            bodies.add(f.get().body());
        }
        pool.shutdown();

        assertThat(statuses).as(bodies.toString()).containsExactlyInAnyOrder(200, 409);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(ok(get("/api/v1/volunteers/" + volunteer + "/shifts")).get("items")).hasSize(1));
    }

    @Test
    void aSecondOverlappingShiftIsRefusedWithTheRule() {
        String volunteer = volunteer("学生周");
        String morning = shift("2020-02-01T08:00:00Z", "2020-02-01T12:00:00Z", 1);
        String overlapping = shift("2020-02-01T11:00:00Z", "2020-02-01T13:00:00Z", 1);
        ok(post("/api/v1/shifts/" + morning + "/assignments", "{\"volunteerId\":\"" + volunteer + "\"}"));

        HttpResponse<String> refused = post("/api/v1/shifts/" + overlapping + "/assignments",
                "{\"volunteerId\":\"" + volunteer + "\"}");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("rule").asText()).isEqualTo("overlapping-shifts");
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void lateAndMissingCheckInsAreVisible() {
        String punctual = volunteer("准时");
        String late = volunteer("迟到");
        String absent = volunteer("缺席");
        String shift = shift("2020-02-01T08:00:00Z", "2020-02-01T12:00:00Z", 3);
        for (String v : List.of(punctual, late, absent)) {
            ok(post("/api/v1/shifts/" + shift + "/assignments", "{\"volunteerId\":\"" + v + "\"}"));
        }
        CLOCK.set(Instant.parse("2020-02-01T08:40:00Z"));
        JsonNode in = ok(post("/api/v1/shifts/" + shift + "/check-ins", "{\"volunteerId\":\"" + punctual
                + "\",\"at\":\"2020-02-01T07:55:00Z\"}"));
        assertThat(in.get("attendance").asText()).isEqualTo("ON_TIME");
        JsonNode lateIn = ok(post("/api/v1/shifts/" + shift + "/check-ins", "{\"volunteerId\":\"" + late + "\"}"));
        assertThat(lateIn.get("attendance").asText()).isEqualTo("LATE");
        assertThat(lateIn.get("checkedInAt").asText()).isEqualTo("2020-02-01T08:40:00Z");

        HttpResponse<String> twice = post("/api/v1/shifts/" + shift + "/check-ins", "{\"volunteerId\":\"" + late + "\"}");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(json(twice).get("rule").asText()).isEqualTo("already-checked-in");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode view = ok(get("/api/v1/shifts/" + shift));
            assertThat(view.get("checkedIn").asInt()).isEqualTo(2);
            assertThat(attendance(view, punctual)).isEqualTo("ON_TIME");
            assertThat(attendance(view, late)).isEqualTo("LATE");
            assertThat(attendance(view, absent)).isEqualTo("MISSING");
        });

        CLOCK.set(Instant.parse("2020-02-01T12:00:00Z"));
        JsonNode out = ok(post("/api/v1/shifts/" + shift + "/check-outs", "{\"volunteerId\":\"" + punctual + "\"}"));
        assertThat(out.get("checkedOutAt").asText()).isEqualTo("2020-02-01T12:00:00Z");
    }

    @Test
    void aVolunteerTakenOffAShiftIsFreeForAnotherButNotOnceOnDuty() {
        String volunteer = volunteer("退伍军人");
        String first = shift("2020-02-01T08:00:00Z", "2020-02-01T12:00:00Z", 1);
        String overlapping = shift("2020-02-01T09:00:00Z", "2020-02-01T13:00:00Z", 1);
        ok(post("/api/v1/shifts/" + first + "/assignments", "{\"volunteerId\":\"" + volunteer + "\"}"));

        assertThat(delete("/api/v1/shifts/" + first + "/assignments/" + volunteer + "?reason=ill").statusCode())
                .isEqualTo(204);
        HttpResponse<String> again = delete("/api/v1/shifts/" + first + "/assignments/" + volunteer);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("rule").asText()).isEqualTo("not-on-shift");
        ok(post("/api/v1/shifts/" + overlapping + "/assignments", "{\"volunteerId\":\"" + volunteer + "\"}"));

        CLOCK.set(Instant.parse("2020-02-01T09:00:00Z"));
        ok(post("/api/v1/shifts/" + overlapping + "/check-ins", "{\"volunteerId\":\"" + volunteer + "\"}"));
        HttpResponse<String> onDuty = delete("/api/v1/shifts/" + overlapping + "/assignments/" + volunteer);
        assertThat(onDuty.statusCode()).isEqualTo(409);
        assertThat(json(onDuty).get("rule").asText()).isEqualTo("already-checked-in");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ok(get("/api/v1/volunteers/" + volunteer
                + "/shifts")).get("items").findValuesAsText("id")).containsExactly(overlapping));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"startsAt\":\"2020-02-01T08:00:00Z\",\"endsAt\":\"2020-02-01T12:00:00Z\",\"requiredHeadcount\":1}|checkpointId",
            "{\"checkpointId\":\"nowhere\",\"startsAt\":\"2020-02-01T08:00:00Z\",\"endsAt\":\"2020-02-01T12:00:00Z\",\"requiredHeadcount\":1}|checkpointId",
            "{\"checkpointId\":\"CP\",\"startsAt\":\"2020-02-01T08:00:00Z\",\"endsAt\":\"2020-02-01T07:00:00Z\",\"requiredHeadcount\":1}|endsAt",
            "{\"checkpointId\":\"CP\",\"startsAt\":\"2020-02-01T08:00:00Z\",\"endsAt\":\"2020-02-01T23:00:00Z\",\"requiredHeadcount\":1}|endsAt",
            "{\"checkpointId\":\"CP\",\"startsAt\":\"2020-02-01T08:00:00Z\",\"endsAt\":\"2020-02-01T12:00:00Z\",\"requiredHeadcount\":0}|requiredHeadcount",
            "{\"checkpointId\":\"CP\",\"startsAt\":\"tomorrow\",\"endsAt\":\"2020-02-01T12:00:00Z\",\"requiredHeadcount\":1}|startsAt"})
    void aBadPlanNamesTheFieldAndStoresNothing(String body, String field) {
        long before = storedCommits();
        HttpResponse<String> response = post("/api/v1/shifts", body.replace("CP", checkpoint));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("errors").findValuesAsText("field")).contains(field);
        assertThat(storedCommits()).isEqualTo(before);
    }

    @Test
    void shiftsAreOnlyForTheirCommunity() {
        String shift = shift("2020-02-01T08:00:00Z", "2020-02-01T12:00:00Z", 1);
        String outsider = ok(post("/api/v1/volunteers", "{\"name\":\"x\",\"phone\":\"13800001234\",\"kind\":\"RESIDENT\"}",
                as("operator", "another-community"))).get("id").asText();

        assertThat(get("/api/v1/shifts/" + shift, as("operator", "another-community")).statusCode()).isEqualTo(404);
        assertThat(post("/api/v1/shifts/" + shift + "/assignments", "{\"volunteerId\":\"" + outsider + "\"}")
                .statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/shifts/" + shift + "/assignments", "{\"volunteerId\":\"" + outsider + "\"}",
                as("medic", COMMUNITY)).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/shifts/" + shift, as("auditor", COMMUNITY)).statusCode()).isEqualTo(200);
    }

    private static String attendance(JsonNode shift, String volunteer) {
        for (JsonNode a : shift.get("assignments")) {
            if (a.get("volunteerId").asText().equals(volunteer)) {
                return a.get("attendance").asText();
            }
        }
        throw new AssertionError(volunteer + " not on " + shift);
    }
}
