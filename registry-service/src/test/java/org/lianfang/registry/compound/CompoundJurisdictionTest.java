package org.lianfang.registry.compound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lianfang.registry.RegistrySpringTest;

/**
 * Persons carry the id of the registered compound their form names (by id or by Chinese name), and
 * callers limited to compounds — who name them by id — are matched on it.
 */
class CompoundJurisdictionTest extends RegistrySpringTest {

    private static final String PERSONS = "/api/v1/persons";

    @Test
    void aPersonRegisteredByCompoundNameOrIdCarriesTheIdAndCompoundCallersMatchOnIt() {
        String name = "和平小区-" + UUID.randomUUID().toString().substring(0, 6);
        String compoundId = compound(name);
        String other = compound("建设小区-" + UUID.randomUUID().toString().substring(0, 6));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                json(register("410101199501010012", "\"compound\":\"" + name + "\"")).get("compoundId").asText())
                .isEqualTo(compoundId));
        JsonNode byName = json(get(port, PERSONS + "/" + json(register("410101199501010012",
                "\"compound\":\"" + name + "\"")).get("id").asText()));
        JsonNode byId = json(register("410101199501020018", "\"compound\":\"" + compoundId + "\""));
        JsonNode explicit = json(register("410101199501030013", "\"compoundId\":\"" + compoundId + "\""));

        assertThat(byName.get("compound").asText()).as("the name stays for display").isEqualTo(name);
        assertThat(byName.get("compoundId").asText()).isEqualTo(compoundId);
        assertThat(byId.get("compoundId").asText()).isEqualTo(compoundId);
        assertThat(explicit.get("compoundId").asText()).isEqualTo(compoundId);
        assertThat(explicit.get("compound").asText()).as("the compound's name when only its id is given")
                .isEqualTo(name);
        assertThat(byName.has("jurisdictionCompound")).isFalse();

        for (JsonNode person : new JsonNode[] {byName, byId, explicit}) {
            String path = PERSONS + "/" + person.get("id").asText();
            assertThat(get(port, path, "X-Actor-Compounds", compoundId).statusCode()).isEqualTo(200);
            assertThat(get(port, path + "/colour", "X-Actor-Compounds", compoundId).statusCode()).isEqualTo(200);
            assertThat(get(port, path, "X-Actor-Compounds", other).statusCode()).isEqualTo(404);
            assertThat(postTo(port, path + "/trace-calls", "{\"outcome\":\"REACHED\"}", "X-Actor-Compounds", other)
                    .statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aCompoundIdThatNamesNoCompoundOfTheCommunityIsA400() {
        String elsewhere = compound("外社区小区", "other-community");

        assertThat(fields(register("410101199501040019", "\"compoundId\":\"compound-" + UUID.randomUUID() + "\"")))
                .contains("compoundId");
        assertThat(fields(register("410101199501040019", "\"compoundId\":\"" + elsewhere + "\"")))
                .contains("compoundId");
    }

    @Test
    void freeTextNamingNoCompoundKeepsWorkingAsBefore() {
        JsonNode person = json(register("410101199501040019", "\"compound\":\"没有登记的小区\""));

        assertThat(person.get("compound").asText()).isEqualTo("没有登记的小区");
        assertThat(person.get("compoundId").isNull()).isTrue();
    }

    private String compound(String name) {
        return compound(name, COMMUNITY);
    }

    private String compound(String name, String community) {
        HttpResponse<String> created = postTo(port, "/api/v1/compounds", "{\"name\":\"" + name
                + "\",\"community\":\"" + community + "\"}", "X-Community-Id", community);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asText();
    }

    private HttpResponse<String> register(String number, String compound) {
        return post(port, "{\"name\":\"院民\",\"residentIdNumber\":\"" + number + "\",\"origin\":\"ELSEWHERE\","
                + "\"arrivalDate\":\"" + LocalDate.now() + "\"," + compound + "}");
    }
}
