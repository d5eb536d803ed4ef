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

    private static void chain(WireMockServer server, String body) {
        server.stubFor(get(urlPathEqualTo("/api/v1/internal/chain/verify")).willReturn(aResponse().withStatus(200)
                .withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE).withBody(body)));
    }

    @Test
    void eachServicesHashChainIsCheckedAtTheTrailsEventsAndTamperingIsShown() throws Exception {
        answer(Downstreams.REGISTRY,
                entry("registry", 4, "PersonRegistered", "2020-01-25T08:00:00Z", "2020-01-25T08:00:00Z", "{}"),
                entry("registry", 9, "TraceCallRecorded", "2020-01-25T09:00:00Z", "2020-01-25T09:00:00Z", "{}"));
        answer(Downstreams.QUARANTINE,
                entry("quarantine", 3, "QuarantineStarted", "2020-01-26T09:00:00Z", "2020-01-26T09:00:00Z", "{}"));
        answer(Downstreams.CHECKPOINT);
        answer(Downstreams.VOLUNTEER);
        chain(Downstreams.REGISTRY, "{\"verified\":true,\"checked\":2}");
        chain(Downstreams.QUARANTINE, "{\"verified\":false,\"checked\":1,\"firstMismatch\":{\"globalIndex\":3,"
                + "\"eventId\":\"e-3\",\"expected\":\"aa\",\"actual\":\"bb\"}}");

        JsonNode trail = trail("");

        assertThat(trail.path("chainsVerified").asBoolean()).isFalse();
        String services = trail.path("services").toString();
        assertThat(services).contains("\"service\":\"registry\",\"status\":\"ok\",\"events\":2,\"chain\":{\"status\":\"verified\",\"checked\":2}");
        assertThat(services).contains("\"status\":\"tampered\"").contains("\"globalIndex\":3");
        Downstreams.REGISTRY.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/v1/internal/chain/verify")).withQueryParam("globalIndexes",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("4,9")));
        assertThat(Downstreams.CHECKPOINT.getAllServeEvents()).noneMatch(e -> e.getRequest().getUrl().contains("chain"));
    }

    private static void answerVerified(WireMockServer server, String chain, String... entries) {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .withBody("{\"events\":[" + String.join(",", entries) + "],\"chain\":" + chain + "}")));
    }

    @Test
    void aServiceThatVerifiesWithItsEventsIsNotAskedAgainAndAnOlderOneIsAskedSeparately() throws Exception {
        answerVerified(Downstreams.REGISTRY, "{\"service\":\"registry\",\"verified\":true,\"checked\":2,\"firstMismatch\":null}",
                entry("registry", 4, "PersonRegistered", "2020-01-25T08:00:00Z", "2020-01-25T08:00:00Z", "{}"),
                entry("registry", 9, "TraceCallRecorded", "2020-01-25T09:00:00Z", "2020-01-25T09:00:00Z", "{}"));
        answerVerified(Downstreams.QUARANTINE, "{\"verified\":false,\"checked\":0,\"firstMismatch\":{\"globalIndex\":3,"
                        + "\"eventId\":\"e-3\",\"expected\":\"aa\",\"actual\":\"bb\",\"reason\":\"the stored event differs\"}}",
                entry("quarantine", 3, "QuarantineStarted", "2020-01-26T09:00:00Z", "2020-01-26T09:00:00Z", "{}"));
        // an older release: no chain with its events, so its own verify endpoint is asked
        answer(Downstreams.CHECKPOINT,
                entry("checkpoint", 12, "CrossingRecorded", "2020-01-26T10:00:00Z", "2020-01-26T10:00:00Z", "{}"));
        chain(Downstreams.CHECKPOINT, "{\"verified\":true,\"checked\":1}");
        answer(Downstreams.VOLUNTEER);

        JsonNode trail = trail("");

        assertThat(trail.path("entries")).hasSize(4);
        assertThat(trail.path("chainsVerified").asBoolean()).isFalse();
        JsonNode services = trail.path("services");
        assertThat(services.findValuesAsText("service")).containsExactly("checkpoint", "quarantine", "registry", "volunteer");
        assertThat(services.get(2).path("chain").toString()).isEqualTo("{\"status\":\"verified\",\"checked\":2}");
        assertThat(services.get(1).path("chain").path("status").asText()).isEqualTo("tampered");
        assertThat(services.get(1).path("chain").path("firstMismatch").path("globalIndex").asLong()).isEqualTo(3);
        assertThat(services.get(0).path("chain").toString()).isEqualTo("{\"status\":\"verified\",\"checked\":1}");
        assertThat(services.get(3).has("chain")).as("no events, nothing to verify").isFalse();
        for (WireMockServer server : Downstreams.ALL) {
            server.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(PATH))
                    .withQueryParam("verify", com.github.tomakehurst.wiremock.client.WireMock.equalTo("true")));
        }
        for (WireMockServer inline : java.util.List.of(Downstreams.REGISTRY, Downstreams.QUARANTINE, Downstreams.VOLUNTEER)) {
            assertThat(inline.getAllServeEvents()).as(Downstreams.nameOf(inline))
                    .noneMatch(e -> e.getRequest().getUrl().contains("/chain/verify"));
        }
        Downstreams.CHECKPOINT.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/v1/internal/chain/verify")).withQueryParam("globalIndexes",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("12")));
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
        String identity = Downstreams.CHECKPOINT.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(PATH)).findFirst().orElseThrow()
                .getRequest().getHeader(IdentityCodec.HEADER);
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
