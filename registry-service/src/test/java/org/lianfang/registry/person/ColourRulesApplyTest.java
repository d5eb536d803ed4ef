package org.lianfang.registry.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.registry.RegistrySpringTest;
import org.lianfang.registry.person.query.PersonIndex;
import org.lianfang.registry.person.query.PersonProjection;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Applying a new version of the colour rules, in a database of its own (a new version changes every
 * person of the registry, which the other tests must not see).
 */
class ColourRulesApplyTest extends RegistrySpringTest {

    private static final String VERSIONS = "/api/v1/colour-rules/versions";
    private static final String COMPOUND = "新规小区";
    private static final String[] ADMIN = {"X-Actor", "admin-1", "X-Actor-Role", "admin", "X-Community-Id", "*"};

    /**
     * A database of its own in the shared store ({@code lianfang_registry_rules}); it still reads the
     * other services' stores the shared tests publish to, so it may see provisional persons of theirs.
     */
    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("lianfang.service-name", () -> "registry-rules");
    }

    @Test
    void applyingAVersionChangesExactlyWhatTheWhatIfListedAndEveryLaterDecisionUsesIt() {
        assertThat(json(get(port, VERSIONS))).as("a store of its own: only the configured defaults").hasSize(1);
        String twice = register("规一", "410101199301010018", "WUHAN");
        String reached = register("规二", "410101199301020013", "WUHAN");
        String green = register("规三", "410101199301030019", "ELSEWHERE");
        call(twice, "UNREACHABLE");
        call(twice, "UNREACHABLE");
        call(reached, "REACHED");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(listed()).hasSize(3));

        JsonNode whatIf = json(postTo(port, "/api/v1/colour-rules/what-if",
                "{\"version\":\"v2\",\"unreachableAttempts\":2}", ADMIN));
        String body = "{\"version\":\"v2\",\"unreachableAttempts\":2,\"reason\":\"two missed calls are enough\"}";
        HttpResponse<String> applied = postTo(port, VERSIONS, body, with("Idempotency-Key", "rules-v2"));

        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        JsonNode result = json(applied);
        assertThat(changes(result, "to", "rule")).isEqualTo(changes(whatIf, "wouldBe", "wouldBeRule"))
                .containsEntry(twice, "RED UNREACHABLE").doesNotContainKeys(reached, green);
        assertThat(result.get("examined").asInt()).as("every person, as the what-if examined them")
                .isEqualTo(whatIf.get("examined").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(result.get("changed").asInt()).isEqualTo(result.get("changes").size());
        assertThat(result.get("newlyApplied").asBoolean()).isTrue();
        JsonNode version = result.get("version");
        assertThat(version.get("parameters").get("version").asText()).isEqualTo("v2");
        assertThat(version.get("previousVersion").asText()).isEqualTo("v1");
        assertThat(version.get("appliedBy").asText()).isEqualTo("admin-1");

        JsonNode colour = json(get(port, "/api/v1/persons/" + twice + "/colour"));
        assertThat(colour.get("colour").asText()).isEqualTo("RED");
        assertThat(colour.get("rule").asText()).isEqualTo("UNREACHABLE");
        assertThat(colour.get("ruleVersion").asText()).isEqualTo("v2");
        assertThat(colour.get("causedBy").get("type").asText()).isEqualTo("ColourRulesAdopted");
        assertThat(colour.get("causedBy").get("sourceEventId").asText()).isEqualTo(version.get("eventId").asText());
        assertThat(json(get(port, "/api/v1/persons/" + reached + "/colour")).get("ruleVersion").asText())
                .as("a colour the version does not change keeps its record").isEqualTo("v1");

        HttpResponse<String> replay = postTo(port, VERSIONS, body, with("Idempotency-Key", "rules-v2"));
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(json(replay)).isEqualTo(result);
        HttpResponse<String> again = postTo(port, VERSIONS, body, ADMIN);
        assertThat(again.statusCode()).as("the same version again finishes a rollout, changing nothing").isEqualTo(200);
        assertThat(json(again).get("newlyApplied").asBoolean()).isFalse();
        assertThat(json(again).get("changes")).isEqualTo(result.get("changes"));

        assertThat(json(get(port, "/api/v1/colour-rules")).get("parameters").get("version").asText()).isEqualTo("v2");
        JsonNode history = json(get(port, VERSIONS, "X-Actor-Role", "auditor"));
        assertThat(history).extracting(v -> v.get("parameters").get("version").asText()).containsExactly("v1", "v2");
        assertThat(history).extracting(v -> v.get("inForce").asBoolean()).containsExactly(false, true);

        String later = register("规四", "410101199301040014", "WUHAN");
        call(later, "UNREACHABLE");
        JsonNode laterColour = call(later, "UNREACHABLE");
        assertThat(laterColour.get("colour").asText()).isEqualTo("RED");
        assertThat(laterColour.get("ruleVersion").asText()).isEqualTo("v2");
        assertThat(json(postTo(port, "/api/v1/colour-rules/what-if", "{}", ADMIN)).get("changes"))
                .as("under the rules in force nothing would differ").isEmpty();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(listed()).hasSize(4));
        Map<String, String> before = colours();
        assertThat(before).containsEntry(twice, "RED").containsEntry(reached, "YELLOW").containsEntry(green, "GREEN")
                .containsEntry(later, "RED");
        rebuild(PersonIndex.PROCESSING_GROUP);
        rebuild(PersonProjection.PROCESSING_GROUP);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(colours()).isEqualTo(before));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no version          | {\"reason\":\"r\"}                                        | version",
            "bad version         | {\"version\":\"v 2\",\"reason\":\"r\"}                    | version",
            "no reason           | {\"version\":\"v9\"}                                      | reason",
            "blank reason        | {\"version\":\"v9\",\"reason\":\" \"}                     | reason",
            "no attempts         | {\"version\":\"v9\",\"reason\":\"r\",\"unreachableAttempts\":0}   | unreachableAttempts",
            "too many attempts   | {\"version\":\"v9\",\"reason\":\"r\",\"unreachableAttempts\":21}  | unreachableAttempts",
            "deadline too short  | {\"version\":\"v9\",\"reason\":\"r\",\"reportDeadline\":\"PT59M\"} | reportDeadline",
            "deadline not a time | {\"version\":\"v9\",\"reason\":\"r\",\"reportDeadline\":\"soon\"}  | reportDeadline",
            "unknown field       | {\"version\":\"v9\",\"reason\":\"r\",\"zone\":\"UTC\"}     | zone",
    })
    void badParametersAreA400NamingTheField(String description, String body, String field) {
        assertThat(fields(postTo(port, VERSIONS, body, ADMIN))).contains(field);
    }

    @Test
    void onlyAnAdminMayApplyAndAVersionNameIsUsedOnce() {
        assertThat(postTo(port, VERSIONS, "{\"version\":\"v7\",\"reason\":\"r\"}").statusCode()).isEqualTo(403);
        assertThat(postTo(port, VERSIONS, "{\"version\":\"v7\",\"reason\":\"r\"}", "X-Actor-Role", "auditor")
                .statusCode()).isEqualTo(403);
        HttpResponse<String> taken = postTo(port, VERSIONS,
                "{\"version\":\"v1\",\"reason\":\"r\",\"unreachableAttempts\":5}", ADMIN);
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);
        assertThat(taken.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(taken.body()).contains("colour-rules-version-taken");
    }

    private void rebuild(String group) {
        TrackingEventProcessor processor = processing.eventProcessor(group, TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    private Map<String, String> colours() {
        Map<String, String> colours = new TreeMap<>();
        listed().forEach(p -> colours.put(p.get("id").asText(), p.get("colour").asText()));
        return colours;
    }

    private List<JsonNode> listed() {
        List<JsonNode> persons = new ArrayList<>();
        json(get(port, "/api/v1/persons?compound=" + URLEncoder.encode(COMPOUND, StandardCharsets.UTF_8)))
                .get("items").forEach(persons::add);
        return persons;
    }

    private static Map<String, String> changes(JsonNode answer, String colour, String rule) {
        Map<String, String> changes = new TreeMap<>();
        answer.get("changes").forEach(c -> changes.put(c.get("personId").asText(),
                c.get(colour).asText() + " " + c.get(rule).asText()));
        return changes;
    }

    private static String[] with(String... more) {
        String[] all = new String[ADMIN.length + more.length];
        System.arraycopy(ADMIN, 0, all, 0, ADMIN.length);
        System.arraycopy(more, 0, all, ADMIN.length, more.length);
        return all;
    }

    private JsonNode call(String person, String outcome) {
        HttpResponse<String> response = postTo(port, "/api/v1/persons/" + person + "/trace-calls",
                "{\"outcome\":\"" + outcome + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private String register(String name, String number, String origin) {
        HttpResponse<String> response = post(port, "{\"name\":\"" + name + "\",\"residentIdNumber\":\"" + number
                + "\",\"origin\":\"" + origin + "\",\"arrivalDate\":\"" + LocalDate.now() + "\",\"compound\":\""
                + COMPOUND + "\",\"source\":\"SELF_REPORTED\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asText();
    }
}
