package org.lianfang.volunteer.delivery.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.volunteer.VolunteerSpringTest;

/** Deliveries over HTTP: bad input names the field and stores nothing; steps out of order are 409 problems. */
class DeliveryWebTest extends VolunteerSpringTest {

    static final String ORDER = "{\"compoundId\":\"compound-7\",\"address\":\"7号楼 101\",\"items\":[\"青菜\",\"鸡蛋\"],"
            + "\"partner\":\"惠民超市\",\"partnerKind\":\"SHOP\",\"notes\":\"敲门即可\"}";

    @BeforeEach
    void setClock() {
        CLOCK.set(Instant.parse("2020-02-02T03:00:00Z"));
    }

    @Test
    void anOrderIsContactFreeByDefaultAndSaysSo() {
        JsonNode order = ok(post("/api/v1/deliveries", ORDER));
        assertThat(order.get("contactFree").asBoolean()).isTrue();
        assertThat(order.get("contactFreeWhy").asText()).contains("敲门不见面");
        assertThat(order.get("stage").asText()).isEqualTo("ORDERED");
        assertThat(order.get("orderedBy").asText()).isEqualTo("operator-1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"address\":\"a\",\"items\":[\"x\"],\"partner\":\"p\",\"partnerKind\":\"SHOP\"}|compoundId",
            "{\"compoundId\":\"c\",\"address\":\"a\",\"items\":[],\"partner\":\"p\",\"partnerKind\":\"SHOP\"}|items",
            "{\"compoundId\":\"c\",\"address\":\"a\",\"items\":[\"x\"],\"partner\":\"p\",\"partnerKind\":\"BANK\"}|partnerKind",
            "{\"compoundId\":\"c\",\"address\":\"a\",\"items\":[\"x\"],\"partner\":\"p\",\"partnerKind\":\"SHOP\",\"contactFree\":\"maybe\"}|contactFree",
            "{\"compoundId\":\"c\",\"items\":[\"x\"],\"partner\":\"p\",\"partnerKind\":\"SHOP\"}|address"})
    void badInputNamesTheFieldAndStoresNothing(String body, String field) {
        long before = storedCommits();
        HttpResponse<String> response = post("/api/v1/deliveries", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("errors").findValuesAsText("field")).contains(field);
        assertThat(storedCommits()).isEqualTo(before);
    }

    @Test
    void stepsOutOfOrderAreRefusedWithTheRuleAndChangeNothing() {
        String id = ok(post("/api/v1/deliveries", ORDER)).get("id").asText();
        long before = storedCommits();

        HttpResponse<String> confirm = post("/api/v1/deliveries/" + id + "/confirmation", null);
        assertThat(confirm.statusCode()).isEqualTo(409);
        assertThat(confirm.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(confirm).get("rule").asText()).isEqualTo("illegal-delivery-transition");

        HttpResponse<String> noVolunteer = post("/api/v1/deliveries/" + id + "/acceptance", "{\"volunteerId\":\"nobody\"}");
        assertThat(noVolunteer.statusCode()).isEqualTo(400);
        assertThat(json(noVolunteer).get("errors").get(0).get("field").asText()).isEqualTo("volunteerId");

        HttpResponse<String> noReason = post("/api/v1/deliveries/" + id + "/cancellation", "{\"reason\":\"\"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(storedCommits()).isEqualTo(before);

        JsonNode cancelled = ok(post("/api/v1/deliveries/" + id + "/cancellation", "{\"reason\":\"shop closed\"}"));
        assertThat(cancelled.get("stage").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("cancelReason").asText()).isEqualTo("shop closed");
        assertThat(post("/api/v1/deliveries/" + id + "/pickup", null).statusCode()).isEqualTo(409);
    }

    @Test
    void onlyOperatorsOfTheCommunityAndCompoundSeeAndMoveAnOrder() {
        String id = ok(post("/api/v1/deliveries", ORDER)).get("id").asText();

        assertThat(post("/api/v1/deliveries/" + id + "/pickup", null, as("auditor", COMMUNITY)).statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/deliveries/" + id, as("operator", "another-community")).statusCode()).isEqualTo(404);
        java.util.Map<String, String> otherCompound = operator();
        otherCompound.put("X-Actor-Compounds", "compound-8");
        assertThat(get("/api/v1/deliveries/" + id, otherCompound).statusCode()).isEqualTo(404);
        assertThat(post("/api/v1/deliveries", ORDER, otherCompound).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/deliveries/" + id, as("county", "*")).statusCode()).isEqualTo(200);
    }
}
