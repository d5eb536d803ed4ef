package org.lianfang.volunteer.volunteer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.volunteer.VolunteerSpringTest;

/** Volunteers and teams over HTTP: enrolment, masking, paging, roles, jurisdiction, bad input. */
class VolunteerWebTest extends VolunteerSpringTest {

    static String enrolment(String name, String phone) {
        return "{\"name\":\"" + name + "\",\"phone\":\"" + phone + "\",\"kind\":\"VETERAN\","
                + "\"skills\":[\"driving\",\"first aid\"],\"pledgeLetter\":\"请战书：若有战，召必回\"}";
    }

    @Test
    void aVolunteerIsEnrolledWithThePledgeLetterKeptAndThePhoneMaskedInLists() {
        JsonNode created = ok(post("/api/v1/volunteers", enrolment("老兵张", "13800001234")));
        String id = created.get("id").asText();
        assertThat(created.get("phone").asText()).isEqualTo("13800001234");
        assertThat(created.get("communityId").asText()).isEqualTo(COMMUNITY);
        assertThat(created.get("pledgeLetter").asText()).isEqualTo("请战书：若有战，召必回");

        JsonNode asAuditor = ok(get("/api/v1/volunteers/" + id, as("auditor", COMMUNITY)));
        assertThat(asAuditor.get("phone").asText()).isEqualTo("138****1234");
        assertThat(asAuditor.get("phoneMasked").asBoolean()).isTrue();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                ok(get("/api/v1/volunteers?limit=200")).get("items").findValuesAsText("id")).contains(id));
        JsonNode listed = findIn(ok(get("/api/v1/volunteers?limit=200")).get("items"), id);
        assertThat(listed.get("phone").asText()).isEqualTo("138****1234");
        assertThat(listed.get("kind").asText()).isEqualTo("VETERAN");
    }

    @Test
    void listsArePagedWithACursor() {
        for (int i = 0; i < 3; i++) {
            ok(post("/api/v1/volunteers", enrolment("学生" + i, "1390000000" + i), as("operator", "paging-community")));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ok(get("/api/v1/volunteers?limit=10",
                as("operator", "paging-community"))).get("items")).hasSize(3));
        JsonNode first = ok(get("/api/v1/volunteers?limit=2", as("operator", "paging-community")));
        assertThat(first.get("items")).hasSize(2);
        String cursor = first.get("nextCursor").asText();
        JsonNode second = ok(get("/api/v1/volunteers?limit=2&cursor=" + cursor, as("operator", "paging-community")));
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(first.get("items").findValuesAsText("id")).doesNotContainAnyElementsOf(
                second.get("items").findValuesAsText("id"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"phone\":\"13800001234\",\"kind\":\"STUDENT\"}|name",
            "{\"name\":\"x\",\"phone\":\"12ab\",\"kind\":\"STUDENT\"}|phone",
            "{\"name\":\"x\",\"phone\":\"13800001234\",\"kind\":\"ASTRONAUT\"}|kind",
            "{\"name\":\"x\",\"phone\":\"13800001234\",\"kind\":\"STUDENT\",\"age\":3}|age",
            "{\"name\":\"x\",\"phone\":\"13800001234\",\"kind\":\"STUDENT\",\"skills\":[\"\"]}|skills[0]"})
    void badInputNamesTheFieldAndStoresNothing(String body, String field) {
        long before = storedCommits();
        HttpResponse<String> response = post("/api/v1/volunteers", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("errors").findValuesAsText("field")).contains(field);
        assertThat(storedCommits()).isEqualTo(before);
    }

    @Test
    void rolesAndJurisdictionAreChecked() {
        String id = ok(post("/api/v1/volunteers", enrolment("居民王", "13700001234"))).get("id").asText();
        long before = storedCommits();

        assertThat(post("/api/v1/volunteers", enrolment("x", "13700001234"), as("auditor", COMMUNITY)).statusCode())
                .isEqualTo(403);
        assertThat(post("/api/v1/volunteers", enrolment("x", "13700001234"), java.util.Map.of()).statusCode())
                .isEqualTo(401);
        assertThat(storedCommits()).isEqualTo(before);
        assertThat(get("/api/v1/volunteers/" + id, as("operator", "another-community")).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/volunteers/" + id, as("county", "*")).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/volunteers", as("county", "*")).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/volunteers?communityId=" + COMMUNITY, as("county", "*")).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/volunteers?communityId=" + COMMUNITY, as("operator", "another-community"))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void teamsAreFormedJoinedAndLeftAndTheLeaderStays() {
        String leader = ok(post("/api/v1/volunteers", enrolment("党员李", "13600001234"))).get("id").asText();
        String member = ok(post("/api/v1/volunteers", enrolment("学生赵", "13600005678"))).get("id").asText();
        String outsider = ok(post("/api/v1/volunteers", enrolment("外人", "13600009999"),
                as("operator", "another-community"))).get("id").asText();

        JsonNode team = ok(post("/api/v1/teams", "{\"name\":\"雷锋连\",\"kind\":\"LEI_FENG_COMPANY\",\"leaderId\":\""
                + leader + "\"}"));
        String teamId = team.get("id").asText();
        assertThat(team.get("memberIds").get(0).asText()).isEqualTo(leader);

        JsonNode joined = ok(post("/api/v1/teams/" + teamId + "/members", "{\"volunteerId\":\"" + member + "\"}"));
        assertThat(joined.get("memberIds")).hasSize(2);
        HttpResponse<String> foreign = post("/api/v1/teams/" + teamId + "/members", "{\"volunteerId\":\"" + outsider
                + "\"}");
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(json(foreign).get("errors").get(0).get("field").asText()).isEqualTo("volunteerId");

        HttpResponse<String> leaderLeaves = delete("/api/v1/teams/" + teamId + "/members/" + leader);
        assertThat(leaderLeaves.statusCode()).isEqualTo(409);
        assertThat(json(leaderLeaves).get("rule").asText()).isEqualTo("team-leader-cannot-leave");
        assertThat(ok(delete("/api/v1/teams/" + teamId + "/members/" + member)).get("memberIds")).hasSize(1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(ok(get("/api/v1/volunteers/" + leader)).get("teamIds").get(0).asText()).isEqualTo(teamId);
            assertThat(ok(get("/api/v1/volunteers/" + member)).get("teamIds")).isEmpty();
            assertThat(ok(get("/api/v1/teams?limit=200")).get("items").findValuesAsText("id")).contains(teamId);
        });
        assertThat(get("/api/v1/teams/" + teamId, as("operator", "another-community")).statusCode()).isEqualTo(404);
    }

    private static JsonNode findIn(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError(id + " not in " + items);
    }
}
