package org.lianfang.volunteer.delivery.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.lianfang.volunteer.VolunteerSpringTest;

/** The internal read contact tracing uses: a household's orders by key, with who delivered them. */
class HouseholdDeliveriesWebTest extends VolunteerSpringTest {

    private static String order(String household) {
        return "{\"householdId\":\"" + household + "\",\"compoundId\":\"compound-7\",\"address\":\"7号楼 101\","
                + "\"items\":[\"青菜\"],\"partner\":\"惠民超市\",\"partnerKind\":\"SHOP\"}";
    }

    @Test
    void aHouseholdsOrdersComeWithTheirVolunteerAndOnlyInTheCallersJurisdiction() {
        CLOCK.set(Instant.parse("2020-02-03T03:00:00Z"));
        String volunteer = ok(post("/api/v1/volunteers",
                "{\"name\":\"志愿者\",\"phone\":\"13800001234\",\"kind\":\"RESIDENT\"}")).get("id").asText();
        String delivered = ok(post("/api/v1/deliveries", order("household-traced"))).get("id").asText();
        ok(post("/api/v1/deliveries/" + delivered + "/acceptance", "{\"volunteerId\":\"" + volunteer + "\"}"));
        for (String step : new String[] {"pickup", "disinfection", "drop-off"}) {
            ok(post("/api/v1/deliveries/" + delivered + "/" + step, null));
        }
        String otherHousehold = ok(post("/api/v1/deliveries", order("household-other"))).get("id").asText();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                json(get("/api/v1/internal/households/household-traced/deliveries")).path("items").size() == 1
                        && "LEFT_AT_DOOR".equals(json(get("/api/v1/internal/households/household-traced/deliveries"))
                        .path("items").get(0).path("stage").asText()));

        JsonNode items = json(get("/api/v1/internal/households/household-traced/deliveries")).path("items");
        assertThat(items.get(0).path("id").asText()).isEqualTo(delivered).isNotEqualTo(otherHousehold);
        assertThat(items.get(0).path("volunteerId").asText()).isEqualTo(volunteer);
        assertThat(items.get(0).path("steps").findValuesAsText("stage")).contains("LEFT_AT_DOOR");
        assertThat(json(get("/api/v1/internal/households/household-traced/deliveries", as("auditor", COMMUNITY)))
                .path("items")).hasSize(1);
        Map<String, String> elsewhere = as("operator", "another-community");
        assertThat(json(get("/api/v1/internal/households/household-traced/deliveries", elsewhere)).path("items")).isEmpty();
        assertThat(json(get("/api/v1/internal/households/nobody/deliveries")).path("items")).isEmpty();
    }
}
