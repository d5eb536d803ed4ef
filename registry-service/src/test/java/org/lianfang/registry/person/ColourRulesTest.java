package org.lianfang.registry.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.lianfang.registry.RegistrySpringTest;

/** The rules in force, and the dry run that says whose colour other parameters would change, storing nothing. */
class ColourRulesTest extends RegistrySpringTest {

    private static final String WHAT_IF = "/api/v1/colour-rules/what-if";

    @Test
    void theRulesInForceAreListedInTheOrderTheyAreTried() {
        JsonNode rules = json(get(port, "/api/v1/colour-rules"));

        assertThat(rules.get("parameters").get("version").asText()).isEqualTo("v1");
        assertThat(rules.get("parameters").get("unreachableAttempts").asInt()).isEqualTo(3);
        assertThat(rules.get("rules").get(0).get("name").asText()).isEqualTo("MANUAL_OVERRIDE");
        assertThat(rules.get("rules")).extracting(r -> r.get("name").asText())
                .containsSubsequence("QUARANTINE_BREACH_ATTEMPTED", "UNREGISTERED_ARRIVAL", "IN_QUARANTINE",
                        "NOT_REPORTED_IN_TIME", "AWAITING_CONTACT");
    }

    @Test
    void aWhatIfListsWhoseColourWouldChangeAndWhyAndChangesNothing() {
        String compound = "试算小区-" + UUID.randomUUID().toString().substring(0, 6);
        String twice = register("试一", "410101199301010018", compound);
        String calm = register("试二", "410101199301020013", compound);
        postTo(port, "/api/v1/persons/" + twice + "/trace-calls", "{\"outcome\":\"UNREACHABLE\"}");
        postTo(port, "/api/v1/persons/" + twice + "/trace-calls", "{\"outcome\":\"UNREACHABLE\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(get(port, "/api/v1/persons?compound="
                + URLEncoder.encode(compound, StandardCharsets.UTF_8))).get("items")).hasSize(2));
        Snapshot before = snapshot();

        HttpResponse<String> strict = postTo(port, WHAT_IF, "{\"version\":\"v2\",\"unreachableAttempts\":2,"
                + "\"compound\":\"" + compound + "\"}", "X-Actor-Role", "admin", "X-Community-Id", "*");
        HttpResponse<String> same = postTo(port, WHAT_IF, "{\"compound\":\"" + compound + "\"}",
                "X-Actor-Role", "admin");

        assertThat(strict.statusCode()).as(strict.body()).isEqualTo(200);
        JsonNode result = json(strict);
        assertThat(result.get("parameters").get("version").asText()).isEqualTo("v2");
        assertThat(result.get("examined").asInt()).isEqualTo(2);
        assertThat(result.get("changes")).singleElement().satisfies(change -> {
            assertThat(change.get("personId").asText()).isEqualTo(twice);
            assertThat(change.get("colour").asText()).isEqualTo("YELLOW");
            assertThat(change.get("wouldBe").asText()).isEqualTo("RED");
            assertThat(change.get("wouldBeRule").asText()).isEqualTo("UNREACHABLE");
            assertThat(change.get("reason").asText()).contains("2 unreachable calls in a row");
        });
        assertThat(json(same).get("changes")).isEmpty();
        assertThat(json(same).get("examined").asInt()).isEqualTo(2);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(json(get(port, "/api/v1/persons/" + twice + "/colour")).get("colour").asText()).isEqualTo("YELLOW");
        assertThat(calm).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no attempts        | {\"unreachableAttempts\":0}       | unreachableAttempts",
            "deadline of zero   | {\"reportDeadline\":\"PT0S\"}       | reportDeadline",
            "deadline not a time| {\"reportDeadline\":\"tomorrow\"}   | reportDeadline",
            "bad version        | {\"version\":\"v 2!\"}             | version",
            "unknown field      | {\"zone\":\"UTC\"}                 | zone",
    })
    void badParametersAreA400NamingTheField(String description, String body, String field) {
        assertThat(fields(postTo(port, WHAT_IF, body, "X-Actor-Role", "admin"))).contains(field);
    }

    @Test
    void onlyAnAdminMayAsk() {
        assertThat(postTo(port, WHAT_IF, "{}").statusCode()).isEqualTo(403);
    }

    private String register(String name, String number, String compound) {
        return json(post(port, "{\"name\":\"" + name + "\",\"residentIdNumber\":\"" + number + "\",\"origin\":"
                + "\"WUHAN\",\"arrivalDate\":\"" + LocalDate.now() + "\",\"compound\":\"" + compound
                + "\",\"source\":\"SELF_REPORTED\"}")).get("id").asText();
    }
}
