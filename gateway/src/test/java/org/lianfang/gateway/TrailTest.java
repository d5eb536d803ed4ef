package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.lianfang.identity.IdentityCodec;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The trail: merged from every service, ordered by when things happened, partial when a service is missing. */
class TrailTest extends GatewayIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/api/v1/internal/persons/p-1/events";

    private static String entry(String service, long index, String type, String occurredAt, String recordedAt,
                                String payload) {
        return """
                {"service":"%s","globalIndex":%d,"type":"%s","occurredAt":"%s","recordedAt":"%s",
                 "actor":"a","correlationId":"c","communityId":"anguo","personIds":["p-1"],"summary":"%s","payload":%s}
                """.formatted(service, index, type, occurredAt, recordedAt, type, payload);
    }

    private static void answer(WireMockServer server, String... entries) {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .withBody("{\"events\":[" + String.join(",", entries) + "]}")));
    }

    private JsonNode trail(String query) throws Exception {
        byte[] body = client.get().uri("/api/v1/persons/p-1/trail" + query).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    @Test
    void entriesFromEveryServiceComeInTheOrderTheyHappenedWithTheStateAsKnown() throws Exception {
        answer(Downstreams.REGISTRY,
                entry("registry", 1, "PersonRegistered", "2020-01-25T08:00:00Z", "2020-01-25T08:00:00Z", "{}"),
                entry("registry", 7, "RiskColourChanged", "2020-01-26T10:00:00Z", "2020-01-26T10:00:00Z",
                        "{\"to\":\"BLUE\",\"rule\":\"HOME_QUARANTINE\"}"));
        answer(Downstreams.QUARANTINE,
                entry("quarantine", 3, "QuarantineStarted", "2020-01-26T09:00:00Z", "2020-01-26T09:00:00Z",
                        "{\"caseId\":\"q-1\",\"endsAt\":\"2020-02-06T16:00:00Z\"}"));
        // a tablet uploaded this crossing a day late: it happened before the colour change
        answer(Downstreams.CHECKPOINT,
                entry("checkpoint", 2, "CrossingDenied", "2020-01-26T09:30:00Z", "2020-01-27T09:30:00Z",
                        "{\"direction\":\"OUT\"}"));
        answer(Downstreams.VOLUNTEER);

        JsonNode trail = trail("");

        assertThat(trail.path("complete").asBoolean()).isTrue();
        assertThat(trail.path("entries").findValuesAsText("type")).containsExactly(
                "PersonRegistered", "QuarantineStarted", "CrossingDenied", "RiskColourChanged");
        assertThat(trail.path("entries").get(2).path("recordedLateBySeconds").asLong()).isEqualTo(86_400);
        assertThat(trail.path("lateUploads").asInt()).isEqualTo(1);
        assertThat(trail.path("state").path("colour").asText()).isEqualTo("BLUE");
        assertThat(trail.path("state").path("quarantine").asText()).isEqualTo("ACTIVE");

        IdentityCodec codec = new IdentityCodec(IDENTITY_KEY, Clock.systemUTC());
        String identity = Downstreams.CHECKPOINT.getAllServeEvents().get(0).getRequest().getHeader(IdentityCodec.HEADER);
        assertThat(codec.verify(identity, "GET", PATH)).isPresent();
    }

    @Test
    void aServiceThatDoesNotAnswerMakesTheTrailPartialAndSaysWhich() throws Exception {
        answer(Downstreams.REGISTRY,
                entry("registry", 1, "PersonRegistered", "2020-01-25T08:00:00Z", "2020-01-25T08:00:00Z", "{}"));
        answer(Downstreams.QUARANTINE);
        answer(Downstreams.VOLUNTEER);
        Downstreams.CHECKPOINT.stubFor(get(urlPathEqualTo(PATH))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        JsonNode trail = trail("");

        assertThat(trail.path("complete").asBoolean()).isFalse();
        assertThat(trail.path("services").toString()).contains("\"service\":\"checkpoint\",\"status\":\"missing\"");
        assertThat(trail.path("entries")).hasSize(1);
    }

    @Test
    void badParametersAre400NamingThemAndAnAuditorMustGiveAReason() throws Exception {
        client.get().uri("/api/v1/persons/p-1/trail?asOf=yesterday").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("asOf");

        byte[] created = client.post().uri("/api/v1/admin/clients").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"auditor\",\"role\":\"auditor\",\"communityId\":\"anguo\"}")
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        String key = JSON.readTree(created).path("apiKey").asText();
        anonymous.get().uri("/api/v1/persons/p-1/trail").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
    }
}
