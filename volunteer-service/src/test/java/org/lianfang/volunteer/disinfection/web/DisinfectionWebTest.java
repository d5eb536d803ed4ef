package org.lianfang.volunteer.disinfection.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.contracts.registry.HouseholdRegistered;
import org.lianfang.volunteer.VolunteerSpringTest;

/** Rounds per building and day: three done, some missing, a registry building never disinfected; bad input. */
class DisinfectionWebTest extends VolunteerSpringTest {

    @Test
    void eachBuildingShowsWhetherItsThreeRoundsHappened() {
        CLOCK.set(Instant.parse("2020-02-03T12:00:00Z"));
        String compound = "compound-" + UUID.randomUUID();
        String volunteer = ok(post("/api/v1/volunteers", "{\"name\":\"物业老王\",\"phone\":\"13800001234\","
                + "\"kind\":\"RESIDENT\"}")).get("id").asText();
        for (String at : new String[] {"2020-02-02T23:30:00Z", "2020-02-03T04:00:00Z", "2020-02-03T10:00:00Z",
                "2020-02-03T10:30:00Z"}) {
            ok(post("/api/v1/disinfections", round(compound, "1", volunteer, at)));
        }
        ok(post("/api/v1/disinfections", round(compound, "2", volunteer, "2020-02-03T04:00:00Z")));
        publish("registry", "Household", "household-" + UUID.randomUUID(), new HouseholdRegistered(
                "h-" + UUID.randomUUID(), compound, "3", "1", "101", "registrar-1", Instant.parse("2020-01-20T00:00:00Z")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode day = ok(get("/api/v1/disinfections?compoundId=" + compound + "&date=2020-02-03"));
            assertThat(day.get("buildings").findValuesAsText("building")).containsExactly("1", "2", "3");
            JsonNode one = day.get("buildings").get(0);
            assertThat(one.get("rounds")).hasSize(4);
            assertThat(one.get("done").asInt()).isEqualTo(3);
            assertThat(one.get("complete").asBoolean()).isTrue();
            assertThat(day.get("buildings").get(1).get("missing").asInt()).isEqualTo(2);
            assertThat(day.get("buildings").get(2).get("done").asInt()).isZero();
            assertThat(day.get("buildings").get(2).get("missing").asInt()).isEqualTo(3);
        });
        assertThat(ok(get("/api/v1/disinfections?compoundId=" + compound + "&date=2020-02-03",
                as("auditor", COMMUNITY))).get("buildings")).hasSize(3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"building\":\"1\",\"areas\":[\"LIFTS\"],\"volunteerIds\":[\"V\"]}|compoundId",
            "{\"compoundId\":\"c\",\"building\":\"1\",\"areas\":[],\"volunteerIds\":[\"V\"]}|areas",
            "{\"compoundId\":\"c\",\"building\":\"1\",\"areas\":[\"ROOF\"],\"volunteerIds\":[\"V\"]}|areas[0]",
            "{\"compoundId\":\"c\",\"building\":\"1\",\"areas\":[\"LIFTS\"],\"volunteerIds\":[\"nobody\"]}|volunteerIds[0]",
            "{\"compoundId\":\"c\",\"building\":\"1\",\"areas\":[\"LIFTS\"],\"volunteerIds\":[\"V\"],\"performedAt\":\"2030-01-01T00:00:00Z\"}|performedAt"})
    void badInputNamesTheFieldAndStoresNothing(String body, String field) {
        CLOCK.set(Instant.parse("2020-02-03T12:00:00Z"));
        String volunteer = ok(post("/api/v1/volunteers", "{\"name\":\"x\",\"phone\":\"13800001234\",\"kind\":\"RESIDENT\"}"))
                .get("id").asText();
        long before = storedCommits();
        HttpResponse<String> response = post("/api/v1/disinfections", body.replace("\"V\"", "\"" + volunteer + "\""));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("errors").findValuesAsText("field")).contains(field);
        assertThat(storedCommits()).isEqualTo(before);
    }

    static String round(String compound, String building, String volunteer, String at) {
        return "{\"compoundId\":\"" + compound + "\",\"building\":\"" + building + "\",\"areas\":[\"DOORS\",\"FLOORS\","
                + "\"LIFTS\",\"HANDLES\"],\"volunteerIds\":[\"" + volunteer + "\"],\"performedAt\":\"" + at + "\"}";
    }
}
