package org.lianfang.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.registry.RegistrySpringTest;

/** Reads of a person's data by auditors, the county and admins, recorded in the person's trail. */
class PersonReadsTest extends RegistrySpringTest {

    private static final String[] AUDITOR = {"X-Actor", "auditor-7", "X-Actor-Role", "auditor"};

    @Test
    void anAuditorsReadIsRecordedInThePersonsTrailWithTheVerifiedReaderAndTheReason() {
        String person = register("410101199401010015");
        HttpResponse<String> read = postTo(port, reads(person),
                "{\"what\":\"trail\",\"reason\":\"case review 12\",\"correlationId\":\"gw-1\"}", AUDITOR);

        assertThat(read.statusCode()).as(read.body()).isEqualTo(201);
        JsonNode recorded = json(read);
        assertThat(recorded.get("personId").asText()).isEqualTo(person);
        assertThat(recorded.get("readBy").asText()).isEqualTo("auditor-7");
        assertThat(recorded.get("role").asText()).isEqualTo("auditor");
        assertThat(recorded.get("readerCommunity").asText()).isEqualTo(COMMUNITY);
        assertThat(recorded.get("reason").asText()).isEqualTo("case review 12");
        List<JsonNode> trailReads = readsIn(person, "operator");
        assertThat(trailReads).singleElement().satisfies(event -> {
            assertThat(event.get("actor").asText()).isEqualTo("auditor-7");
            assertThat(event.get("communityId").asText()).isEqualTo(COMMUNITY);
            assertThat(event.get("payload").get("what").asText()).isEqualTo("trail");
            assertThat(event.get("payload").get("reason").asText()).isEqualTo("case review 12");
            assertThat(event.get("payload").get("correlationId").asText()).isEqualTo("gw-1");
            assertThat(event.get("payload").get("readId").asText()).isEqualTo(recorded.get("readId").asText());
        });
    }

    @Test
    void theCountyAndAnAdminReadWithoutAReasonAndTheCountyCoversEveryCommunity() {
        String person = register("410101199401020010");
        HttpResponse<String> county = postTo(port, reads(person), "{\"what\":\"export\"}",
                "X-Actor", "county-1", "X-Actor-Role", "county", "X-Community-Id", "*");
        HttpResponse<String> admin = postTo(port, reads(person), "{\"what\":\"person\"}",
                "X-Actor", "admin-1", "X-Actor-Role", "admin");

        assertThat(county.statusCode()).as(county.body()).isEqualTo(201);
        assertThat(json(county).get("readerCommunity").asText()).isEqualTo("*");
        assertThat(json(county).get("reason").isNull()).isTrue();
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(201);
        assertThat(readsIn(person, "auditor")).extracting(e -> e.get("actor").asText())
                .containsExactly("county-1", "admin-1");
    }

    @Test
    void theReaderCannotBeNamedInTheBody() {
        String person = register("410101199401030016");
        assertThat(fields(postTo(port, reads(person), "{\"what\":\"trail\",\"reason\":\"r\",\"readBy\":\"someone\"}",
                AUDITOR))).contains("readBy");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyRecordsOneRead() {
        String person = register("410101199401040011");
        String body = "{\"what\":\"tracing\",\"reason\":\"contact tracing 3\"}";
        HttpResponse<String> first = postTo(port, reads(person), body, "X-Actor", "auditor-7", "X-Actor-Role",
                "auditor", "Idempotency-Key", "read-" + person);
        HttpResponse<String> retry = postTo(port, reads(person), body, "X-Actor", "auditor-7", "X-Actor-Role",
                "auditor", "Idempotency-Key", "read-" + person);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(json(retry).get("readId")).isEqualTo(json(first).get("readId"));
        assertThat(readsIn(person, "auditor")).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an operator may not record reads | operator | anguo-road  | 403",
            "a medic may not record reads     | medic    | anguo-road  | 403",
            "another community's auditor      | auditor  | other-place | 404",
    })
    void whoMayRecordAReadAndWhere(String description, String role, String community, int status) {
        String person = register("410101199401050017");
        assertThat(postTo(port, reads(person), "{\"what\":\"trail\",\"reason\":\"r\"}", "X-Actor-Role", role,
                "X-Community-Id", community).statusCode()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an auditor without a reason | {\"what\":\"trail\"}                    | reason",
            "a blank reason              | {\"what\":\"trail\",\"reason\":\"  \"}  | reason",
            "nothing said of what        | {\"reason\":\"r\"}                      | what",
            "what is not a word          | {\"what\":\"the trail!\",\"reason\":\"r\"} | what",
    })
    void badReadsAreA400NamingTheField(String description, String body, String field) {
        String person = register("410101199401060012");
        assertThat(fields(postTo(port, reads(person), body, AUDITOR))).contains(field);
    }

    @Test
    void anUnknownPersonIsA404() {
        HttpResponse<String> response = postTo(port, reads("no-such-person"), "{\"what\":\"trail\",\"reason\":\"r\"}",
                AUDITOR);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private List<JsonNode> readsIn(String person, String role) {
        List<JsonNode> found = new ArrayList<>();
        HttpResponse<String> events = get(port, "/api/v1/internal/persons/" + person + "/events", "X-Actor-Role", role);
        assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
        json(events).get("events").forEach(e -> {
            if (e.get("type").asText().equals("PersonDataRead")) {
                found.add(e);
            }
        });
        return found;
    }

    private static String reads(String person) {
        return "/api/v1/internal/persons/" + person + "/reads";
    }

    private String register(String number) {
        HttpResponse<String> response = post(port, "{\"name\":\"读者\",\"residentIdNumber\":\"" + number
                + "\",\"origin\":\"WUHAN\",\"arrivalDate\":\"" + LocalDate.now() + "\",\"compound\":\"审读小区\"}");
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return json(response).get("id").asText();
    }
}
