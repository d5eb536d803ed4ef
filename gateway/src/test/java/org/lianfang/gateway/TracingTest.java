package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Contact tracing composed from stubbed services: household, checkpoint window, on-duty and
 * delivery volunteers, contacts of contacts, partial answers, CSV.
 */
class TracingTest extends GatewayIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PERIOD = "from=2020-01-27T00:00:00Z&to=2020-02-03T00:00:00Z";
    private static final String WINDOWS = "/api/v1/internal/tracing/windows";

    private static void json(WireMockServer server, MappingBuilder request, String body) {
        server.stubFor(request.willReturn(aResponse().withStatus(200)
                .withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE).withBody(body)));
    }

    private static void registry(String person, String... events) {
        json(Downstreams.REGISTRY, get(urlPathEqualTo("/api/v1/internal/persons/" + person + "/events")),
                "{\"events\":[" + String.join(",", events) + "]}");
    }

    private static String member(String household) {
        return "{\"type\":\"HouseholdMemberAdded\",\"payload\":{\"householdId\":\"" + household + "\"}}";
    }

    private static void household(String id, String... members) {
        json(Downstreams.REGISTRY, get(urlPathEqualTo("/api/v1/households/" + id)),
                "{\"id\":\"" + id + "\",\"members\":[\"" + String.join("\",\"", members) + "\"]}");
    }

    private static String crossing(String id, String person, String at) {
        return "{\"id\":\"" + id + "\",\"checkpointId\":\"cp-1\",\"subject\":\"PERSON\",\"personId\":\"" + person
                + "\",\"occupants\":null,\"decision\":\"ALLOWED\",\"occurredAt\":\"" + at + "\"}";
    }

    /** checkpoint-service's answer for a level: each person's crossings, each with its window and who was on duty. */
    private static void windows(String personIds, String... persons) {
        json(Downstreams.CHECKPOINT, get(urlPathEqualTo(WINDOWS)).withQueryParam("personIds", equalTo(personIds)),
                "{\"persons\":[" + String.join(",", persons) + "],\"unreadableCheckpoints\":[]}");
    }

    private static String person(String id, String... crossings) {
        return "{\"personId\":\"" + id + "\",\"truncated\":false,\"crossings\":[" + String.join(",", crossings) + "]}";
    }

    /** One of the person's crossings ({@code own}), who crossed near it, and who was on duty then. */
    private static String window(String own, List<String> nearby, String onDuty) {
        return own.substring(0, own.length() - 1) + ",\"nearby\":[" + String.join(",", nearby)
                + "],\"nearbyTruncated\":false,\"onDuty\":[" + onDuty + "]}";
    }

    private static String duty(String volunteer) {
        return "{\"shiftId\":\"s-1\",\"checkpointId\":\"cp-1\",\"volunteerId\":\"" + volunteer
                + "\",\"volunteerName\":\"王志愿\",\"checkedInAt\":\"2020-01-28T07:00:00Z\",\"checkedOutAt\":null}";
    }

    private static String order(String id, String household, String volunteer, String at) {
        return "{\"id\":\"" + id + "\",\"householdId\":\"" + household + "\",\"personIds\":[],\"contactFree\":true,"
                + "\"volunteerId\":\"" + volunteer + "\",\"steps\":[{\"stage\":\"ORDERED\",\"volunteerId\":null,"
                + "\"at\":\"2020-01-27T01:00:00Z\"},{\"stage\":\"LEFT_AT_DOOR\",\"volunteerId\":\"" + volunteer
                + "\",\"at\":\"" + at + "\"}]}";
    }

    /**
     * p-0 lives with p-1 (h-1); v-9 delivered to h-1; p-0 crossed cp-1 at 08:00 while v-5 was on
     * duty and p-2 crossed at 08:10 (p-3 at 08:20 is outside the window, so the checkpoint does not
     * return it); p-2 lives with p-4 (h-2); v-5 delivered to h-3 where p-6 lives.
     */
    @BeforeEach
    void scenario() {
        // a depth-2 answer is a few dozen calls: on a loaded machine that is more than the default 5 s
        client = client.mutate().responseTimeout(java.time.Duration.ofSeconds(60)).build();
        anonymous = anonymous.mutate().responseTimeout(java.time.Duration.ofSeconds(60)).build();
        registry("p-0", "{\"type\":\"PersonRegistered\",\"payload\":{\"arrivalDate\":\"2020-01-20\"}}", member("h-1"));
        registry("p-1", member("h-1"));
        registry("p-2", member("h-2"));
        household("h-1", "p-0", "p-1");
        household("h-2", "p-2", "p-4");
        household("h-3", "p-6");
        json(Downstreams.VOLUNTEER, get(urlPathEqualTo("/api/v1/internal/households/h-1/deliveries")),
                "{\"items\":[" + order("d-1", "h-1", "v-9", "2020-01-28T10:00:00Z") + ","
                        + order("d-old", "h-1", "v-8", "2020-01-10T10:00:00Z") + "]}");
        json(Downstreams.VOLUNTEER, get(urlPathEqualTo("/api/v1/volunteers/v-5/deliveries")),
                "{\"items\":[" + order("d-7", "h-3", "v-5", "2020-01-29T10:00:00Z") + "]}");
        json(Downstreams.VOLUNTEER, get(urlPathEqualTo("/api/v1/volunteers/v-9/deliveries")),
                "{\"items\":[" + order("d-1", "h-1", "v-9", "2020-01-28T10:00:00Z") + "]}");
        String c0 = crossing("c-0", "p-0", "2020-01-28T08:00:00Z");
        String c2 = crossing("c-2", "p-2", "2020-01-28T08:10:00Z");
        String c3 = crossing("c-3", "p-3", "2020-01-28T08:20:00Z");
        windows("p-0", person("p-0", window(c0, List.of(c0, c2), duty("v-5"))));
        // level 2 asks for all of level 1's people in one call, in the order they were found
        windows("p-1,p-2", person("p-1"), person("p-2", window(c2, List.of(c0, c2, c3), duty("v-5"))));
    }

    private JsonNode trace(String query) throws Exception {
        byte[] body = client.get().uri("/api/v1/tracing/p-0?" + query).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    private static List<String> contacts(JsonNode answer) {
        List<String> found = new ArrayList<>();
        answer.path("contacts").forEach(c -> found.add(c.path("key").asText() + "@" + c.path("degree").asInt()));
        return found;
    }

    @Test
    void depthOneFindsHouseholdCheckpointWindowOnDutyAndDeliveryContactsWithEvidence() throws Exception {
        JsonNode answer = trace(PERIOD);

        assertThat(answer.path("complete").asBoolean()).isTrue();
        assertThat(contacts(answer)).containsExactly(
                "person:p-1@1", "person:p-2@1", "volunteer:v-5@1", "volunteer:v-9@1");
        JsonNode p2 = answer.path("contacts").get(1);
        assertThat(p2.path("evidence").get(0).path("relation").asText()).isEqualTo("checkpoint");
        assertThat(p2.path("evidence").get(0).path("gapSeconds").asLong()).isEqualTo(600);
        assertThat(p2.path("evidence").get(0).path("crossingId").asText()).isEqualTo("c-0");
        assertThat(p2.path("evidence").get(0).path("contactCrossingId").asText()).isEqualTo("c-2");
        assertThat(p2.path("closestGapSeconds").asLong()).isEqualTo(600);
        JsonNode v5 = answer.path("contacts").get(2);
        assertThat(v5.path("name").asText()).isEqualTo("王志愿");
        assertThat(v5.path("evidence").get(0).path("relation").asText()).isEqualTo("on-duty");
        assertThat(v5.path("evidence").get(0).path("shiftId").asText()).isEqualTo("s-1");
        JsonNode v9 = answer.path("contacts").get(3);
        assertThat(v9.path("evidence").get(0).path("deliveryId").asText()).isEqualTo("d-1");
        // the delivery of 10 January is outside the period: v-8 is no contact
        assertThat(answer.toString()).doesNotContain("v-8");
        assertThat(answer.path("graph").path("nodes").get(0).path("key").asText()).isEqualTo("person:p-0");
        assertThat(answer.path("graph").path("edges")).hasSize(4);
        Downstreams.CHECKPOINT.verify(1, getRequestedFor(urlPathEqualTo(WINDOWS))
                .withQueryParam("personIds", equalTo("p-0")).withQueryParam("from", equalTo("2020-01-27T00:00:00Z"))
                .withQueryParam("to", equalTo("2020-02-03T00:00:00Z")).withQueryParam("windowSeconds", equalTo("900")));
        Downstreams.CHECKPOINT.verify(0, getRequestedFor(urlPathEqualTo(WINDOWS)).withQueryParam("personIds", equalTo("p-1,p-2")));
    }

    @Test
    void depthTwoAddsContactsOfContactsOnceEachWithTheirPath() throws Exception {
        JsonNode answer = trace(PERIOD + "&depth=2");

        assertThat(contacts(answer)).containsExactly(
                "person:p-1@1", "person:p-2@1", "volunteer:v-5@1", "volunteer:v-9@1",
                "person:p-3@2", "person:p-4@2", "person:p-6@2");
        JsonNode p3 = answer.path("contacts").get(4);
        assertThat(p3.path("via").toString()).isEqualTo("[\"person:p-2\"]");
        assertThat(p3.path("evidence").get(0).path("gapSeconds").asLong()).isEqualTo(600);
        JsonNode p6 = answer.path("contacts").get(6);
        assertThat(p6.path("via").toString()).isEqualTo("[\"volunteer:v-5\"]");
        assertThat(p6.path("evidence").get(0).path("deliveryId").asText()).isEqualTo("d-7");
        // p-0 and p-2 crossing together is one fact, seen from both sides
        for (JsonNode edge : answer.path("graph").path("edges")) {
            if (edge.toString().contains("person:p-2") && edge.toString().contains("person:p-0")) {
                assertThat(edge.path("evidence")).hasSize(1);
            }
        }
    }

    /**
     * A hundred and twenty contacts: at depth 2 that is more registry look-ups than the expansion
     * workers have threads, and more people than one windows call takes. Tasks waiting for tasks of
     * the same pool once deadlocked such an answer (no reply, whatever the timeouts); now it comes
     * back complete, with the level's windows asked in three calls, and says where it was cut short.
     */
    @Test
    void aWideDepthTwoQuestionAnswersWhenItHasMoreLookUpsThanThreads() throws Exception {
        registry("w-0", "{\"type\":\"PersonRegistered\",\"payload\":{\"arrivalDate\":\"2020-01-20\"}}");
        List<String> others = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            others.add(wideCrossing("y-" + i, "w-" + i, "2020-01-28T00:05:00Z"));
            ids.add("w-" + i);
        }
        String own = wideCrossing("x-0", "w-0", "2020-01-28T00:00:00Z");
        windows("w-0", person("w-0", window(own, others, "").replace("\"nearbyTruncated\":false", "\"nearbyTruncated\":true")));
        json(Downstreams.CHECKPOINT, get(urlPathEqualTo(WINDOWS)).withQueryParam("personIds",
                com.github.tomakehurst.wiremock.client.WireMock.matching("w-[0-9]+,.*")), "{\"persons\":[]}");

        byte[] body = client.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/api/v1/tracing/w-0?" + PERIOD + "&depth=2").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        JsonNode answer = JSON.readTree(body);

        assertThat(answer.path("complete").asBoolean()).isTrue();
        assertThat(contacts(answer)).hasSize(120).allMatch(c -> c.endsWith("@1"));
        assertThat(answer.path("truncated").toString()).isEqualTo("[\"crossings at cp-w around 2020-01-28T00:00:00Z\"]");
        Downstreams.CHECKPOINT.verify(4, getRequestedFor(urlPathEqualTo(WINDOWS)));
        Downstreams.CHECKPOINT.verify(getRequestedFor(urlPathEqualTo(WINDOWS))
                .withQueryParam("personIds", equalTo(String.join(",", ids.subList(100, 120)))));
        Downstreams.REGISTRY.verify(121, getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock
                .urlPathMatching("/api/v1/internal/persons/w-[0-9]+/events")));
    }

    private static String wideCrossing(String id, String person, String at) {
        return crossing(id, person, at).replace("\"cp-1\"", "\"cp-w\"");
    }

    @Test
    void theDefaultPeriodStartsAtTheArrivalDate() throws Exception {
        JsonNode answer = trace("to=2020-02-03T00:00:00Z");
        assertThat(answer.path("from").asText()).isEqualTo("2020-01-19T16:00:00Z");
        assertThat(answer.path("fromSource").asText()).isEqualTo("arrivalDate");
        // the 10 January delivery is still before the arrival
        assertThat(answer.toString()).doesNotContain("v-8");
        assertThat(answer.path("windowSeconds").asLong()).isEqualTo(900);
    }

    @Test
    void aServiceThatDoesNotAnswerMakesTheAnswerPartialAndSaysWhich() throws Exception {
        Downstreams.VOLUNTEER.stubFor(get(urlPathEqualTo("/api/v1/internal/households/h-1/deliveries"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        JsonNode answer = trace(PERIOD);

        assertThat(answer.path("complete").asBoolean()).isFalse();
        assertThat(answer.path("services").toString()).contains("\"service\":\"volunteer\",\"status\":\"missing\"")
                .contains("\"service\":\"checkpoint\",\"status\":\"ok\"");
        assertThat(contacts(answer)).containsExactly("person:p-1@1", "person:p-2@1", "volunteer:v-5@1");
    }

    @Test
    void csvHasOneRowPerEvidenceAndSaysWhenPartial() {
        String csv = client.get().uri("/api/v1/tracing/p-0?" + PERIOD + "&depth=2")
                .accept(MediaType.parseMediaType("text/csv")).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectHeader().valueEquals("Lianfang-Complete", "true")
                .expectBody(String.class).returnResult().getResponseBody();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("degree,kind,id,name,with,relation,checkpointId");
        assertThat(lines).anyMatch(l -> l.startsWith("1,person,p-2,,person:p-0,checkpoint,cp-1,,,,c-0,c-2,")
                && l.endsWith(",600"));
        assertThat(lines).anyMatch(l -> l.startsWith("2,person,p-6,,volunteer:v-5,delivery,,h-3,d-7,"));

        Downstreams.CHECKPOINT.stubFor(get(urlPathEqualTo(WINDOWS)).willReturn(aResponse().withStatus(503)));
        client.get().uri("/api/v1/tracing/p-0?" + PERIOD + "&format=csv").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Lianfang-Complete", "false")
                .expectHeader().valueEquals("Lianfang-Missing-Services", "checkpoint");
    }

    @Test
    void badParametersAre400NamingThemUnknownPeople404AndAuditorsGiveAReason() throws Exception {
        client.get().uri("/api/v1/tracing/p-0?depth=3&window=PT48H").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[*].field").value(fields ->
                        assertThat(fields.toString()).contains("depth").contains("window"));
        client.get().uri("/api/v1/tracing/p-0?from=2020-01-01T00:00:00Z&to=2020-03-01T00:00:00Z").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("from");
        windows("nobody", person("nobody"));
        var unknown = client.get().uri("/api/v1/tracing/nobody?" + PERIOD).exchange()
                .expectBody(String.class).returnResult();
        assertThat(unknown.getStatus().value()).as(unknown.getResponseBody()).isEqualTo(404);

        String auditor = key("auditor");
        anonymous.get().uri("/api/v1/tracing/p-0?" + PERIOD).header(HttpHeaders.AUTHORIZATION, "Bearer " + auditor)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        Downstreams.REGISTRY.stubFor(post(
                        urlPathEqualTo("/api/v1/internal/persons/p-0/reads"))
                .willReturn(aResponse().withStatus(201)));
        anonymous.get().uri("/api/v1/tracing/p-0?" + PERIOD + "&reason=case 12")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + auditor)
                .exchange().expectStatus().isOk();
        assertThat(Downstreams.REGISTRY.findAll(postRequestedFor(
                urlPathEqualTo("/api/v1/internal/persons/p-0/reads"))))
                .as("the auditor's tracing read is recorded").hasSize(1);
        anonymous.get().uri("/api/v1/tracing/p-0?" + PERIOD).header(HttpHeaders.AUTHORIZATION, "Bearer " + key("county"))
                .exchange().expectStatus().isForbidden();
    }

    private String key(String role) throws Exception {
        byte[] created = client.post().uri("/api/v1/admin/clients").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"" + role + "-tracing\",\"role\":\"" + role + "\",\"communityId\":\""
                        + ("county".equals(role) ? "*" : "anguo") + "\"}")
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return JSON.readTree(created).path("apiKey").asText();
    }
}
