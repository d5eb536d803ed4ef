package org.lianfang.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Contact tracing through the gateway over the whole suite, checked against a hand-computed answer.
 *
 * <pre>
 * households: H1 = {A, B}, H2 = {C, E}
 * checkpoint K, volunteer V1 checked in on a shift at K before any crossing; V2 delivered to H1.
 * crossings at K (minutes before now): A -40, C -30, F -18, D -5
 *
 * depth 1 of A (window 15 min):  B (household H1), C (K, gap 600 s), V1 (on duty when A crossed),
 *                                V2 (delivery to H1); not F (gap 22 min), not D (35 min)
 * depth 2:                       E (household of C), F (K with C, gap 720 s); D is 25 min from C: never
 * </pre>
 */
@Order(30)
@ExtendWith(SharedSuite.Extension.class)
class ContactTracingIT {

    static Suite suite;
    static final AtomicInteger SERIAL = new AtomicInteger(300);
    static final AtomicInteger TABLET = new AtomicInteger(7000);

    @BeforeAll
    static void start(Suite shared) {
        suite = shared;
    }

    static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return Suite.json(response).path("id").asText();
    }

    static String register(String name) {
        int serial = SERIAL.incrementAndGet();
        return created(suite.post("operator", "/api/v1/persons", """
                {"name": "%s", "residentIdNumber": "%s", "phone": "19900001%03d", "origin": "ELSEWHERE",
                 "arrivalDate": "2020-01-24", "compound": "安国小区", "source": "SELF_REPORTED"}
                """.formatted(name, WholeSuiteIT.idNumber(serial), serial % 1000), "trace-person-" + serial));
    }

    static String household(String compound, String room, String... members) {
        String id = created(suite.post("operator", "/api/v1/households", """
                {"compoundId": "%s", "building": "3号楼", "unit": "1单元", "room": "%s"}
                """.formatted(compound, room), null));
        for (String member : members) {
            created(suite.post("operator", "/api/v1/households/" + id + "/members",
                    "{\"personId\": \"" + member + "\"}", null));
        }
        return id;
    }

    static String volunteer(String name) {
        return created(suite.post("operator", "/api/v1/volunteers",
                "{\"name\": \"" + name + "\", \"phone\": \"13800002222\", \"kind\": \"PARTY_MEMBER\"}", null));
    }

    static String openCheckpoint(String name) {
        String id = created(suite.post("operator", "/api/v1/checkpoints", """
                {"name": "%s", "kind": "ROAD_JUNCTION", "location": "镇平县 追踪路", "passRequiredToGoOut": false}
                """.formatted(name), null));
        assertThat(suite.post("operator", "/api/v1/checkpoints/" + id + "/open", "", null).statusCode())
                .isIn(200, 201, 204);
        return id;
    }

    static void cross(String checkpoint, String person, Instant at) {
        String body = """
                {"tabletId": "trace-tablet", "sequence": %d, "subject": "PERSON", "direction": "IN",
                 "occurredAt": "%s", "temperatureCelsius": 36.4, "personId": "%s"}
                """.formatted(TABLET.incrementAndGet(), at, person);
        // the gate learns of new people from the registry's events: retry until it knows them
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                suite.post("operator", "/api/v1/checkpoints/" + checkpoint + "/crossings", body, null).statusCode(),
                status -> status == 201 || status == 200);
    }

    @Test
    void depthTwoTracingMatchesTheHandComputedContacts() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String compound = created(suite.post("operator", "/api/v1/compounds",
                "{\"name\": \"追踪小区（示例）\", \"community\": \"anguo\"}", null));
        String a = register("甲（示例）");
        String b = register("乙（示例）");
        String c = register("丙（示例）");
        String d = register("丁（示例）");
        String e = register("戊（示例）");
        String f = register("己（示例）");
        String h1 = household(compound, "101", a, b);
        household(compound, "202", c, e);

        String checkpoint = openCheckpoint("追踪路口（示例）");
        String v1 = volunteer("值守甲（示例）");
        String shift = created(await().atMost(Duration.ofSeconds(60)).until(() -> suite.post("operator", "/api/v1/shifts", """
                {"checkpointId": "%s", "startsAt": "%s", "endsAt": "%s", "requiredHeadcount": 1}
                """.formatted(checkpoint, now.minus(Duration.ofMinutes(50)), now.plus(Duration.ofHours(2))), null),
                r -> r.statusCode() == 201));
        assertThat(suite.post("operator", "/api/v1/shifts/" + shift + "/assignments",
                "{\"volunteerId\": \"" + v1 + "\"}", null).statusCode()).isIn(200, 201);
        assertThat(suite.post("operator", "/api/v1/shifts/" + shift + "/check-ins",
                "{\"volunteerId\": \"" + v1 + "\", \"at\": \"" + now.minus(Duration.ofMinutes(55)) + "\"}", null)
                .statusCode()).isIn(200, 201);

        cross(checkpoint, a, now.minus(Duration.ofMinutes(40)));
        cross(checkpoint, c, now.minus(Duration.ofMinutes(30)));
        cross(checkpoint, f, now.minus(Duration.ofMinutes(18)));
        cross(checkpoint, d, now.minus(Duration.ofMinutes(5)));

        String v2 = volunteer("跑腿乙（示例）");
        String order = created(suite.post("operator", "/api/v1/deliveries", """
                {"householdId": "%s", "compoundId": "%s", "address": "3号楼1单元101", "items": ["青菜"],
                 "partner": "惠民超市", "partnerKind": "SHOP"}
                """.formatted(h1, compound), null));
        assertThat(suite.post("operator", "/api/v1/deliveries/" + order + "/acceptance",
                "{\"volunteerId\": \"" + v2 + "\"}", null).statusCode()).isEqualTo(200);
        for (String step : List.of("pickup", "disinfection", "drop-off")) {
            assertThat(suite.post("operator", "/api/v1/deliveries/" + order + "/" + step, "", null).statusCode())
                    .isEqualTo(200);
        }

        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("person:" + b, 1);
        expected.put("person:" + c, 1);
        expected.put("volunteer:" + v1, 1);
        expected.put("volunteer:" + v2, 1);
        expected.put("person:" + e, 2);
        expected.put("person:" + f, 2);
        String query = "/api/v1/tracing/" + a + "?depth=2&to=" + now.plusSeconds(120);

        // the projections (crossing buckets, duty roster, delivery index) follow the events: wait for them
        JsonNode answer = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(
                () -> Suite.json(suite.get("operator", query)), t -> degrees(t).equals(expected));

        assertThat(answer.path("complete").asBoolean()).isTrue();
        assertThat(answer.path("windowSeconds").asLong()).isEqualTo(900);
        assertThat(answer.toString()).doesNotContain(d);
        JsonNode cContact = contact(answer, "person:" + c);
        assertThat(cContact.path("relations").toString()).isEqualTo("[\"checkpoint\"]");
        assertThat(cContact.path("closestGapSeconds").asLong()).isEqualTo(600);
        assertThat(cContact.path("evidence").get(0).path("checkpointId").asText()).isEqualTo(checkpoint);
        assertThat(contact(answer, "person:" + b).path("evidence").get(0).path("householdId").asText()).isEqualTo(h1);
        assertThat(contact(answer, "volunteer:" + v1).path("evidence").get(0).path("relation").asText()).isEqualTo("on-duty");
        assertThat(contact(answer, "volunteer:" + v2).path("evidence").get(0).path("deliveryId").asText()).isEqualTo(order);
        assertThat(contact(answer, "person:" + e).path("via").toString()).isEqualTo("[\"person:" + c + "\"]");
        JsonNode fContact = contact(answer, "person:" + f);
        assertThat(fContact.path("via").toString()).isEqualTo("[\"person:" + c + "\"]");
        assertThat(fContact.path("closestGapSeconds").asLong()).isEqualTo(720);

        HttpResponse<String> csv = suite.get("operator", query + "&format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines().filter(l -> l.startsWith("2,person," + f + ",")).findFirst()).isPresent();

        assertThat(suite.get("auditor", query).statusCode()).isEqualTo(400);
        assertThat(suite.get("auditor", query + "&reason=e2e-case").statusCode()).isEqualTo(200);
        assertThat(suite.get("county", query).statusCode()).isEqualTo(403);
    }

    static Map<String, Integer> degrees(JsonNode answer) {
        Map<String, Integer> found = new LinkedHashMap<>();
        answer.path("contacts").forEach(c -> found.put(c.path("key").asText(), c.path("degree").asInt()));
        return found;
    }

    static JsonNode contact(JsonNode answer, String key) {
        for (JsonNode c : answer.path("contacts")) {
            if (key.equals(c.path("key").asText())) {
                return c;
            }
        }
        throw new AssertionError("no contact " + key + " in " + answer);
    }
}
