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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.gateway.compose.AnchorSigner;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * External anchoring of the chain heads: signed, chained records kept locally and posted to an
 * external URL (the notary, played by WireMock), checked offline with the public key; a later chain
 * that no longer extends an anchored head is reported, and the trail shows the anchor per service.
 */
class AnchorTest extends GatewayIntegrationTest {

    static final String NOTARY = "/notary/anchors";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH_A = "a".repeat(64);
    private static final String HASH_B = "b".repeat(64);

    private static void json(WireMockServer server, MappingBuilder request, String body) {
        server.stubFor(request.willReturn(aResponse().withStatus(200)
                .withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE).withBody(body)));
    }

    private static void head(WireMockServer server, long index, String hash) {
        json(server, get(urlPathEqualTo("/api/v1/internal/chain/head")),
                "{\"headIndex\":" + index + ",\"headHash\":\"" + hash + "\",\"events\":" + index + ",\"holes\":0}");
    }

    private static void recorded(WireMockServer server, long index, String hash) {
        json(server, get(urlPathEqualTo("/api/v1/internal/chain/entries")).withQueryParam("globalIndexes",
                equalTo(String.valueOf(index))), "{\"entries\":[{\"globalIndex\":" + index + ",\"hash\":\"" + hash + "\"}]}");
    }

    @BeforeEach
    void everyServiceHasAChain() {
        client = client.mutate().responseTimeout(java.time.Duration.ofSeconds(60)).build();
        for (WireMockServer server : Downstreams.ALL) {
            head(server, 10, HASH_A);
            recorded(server, 10, HASH_A);
            json(server, get(urlPathEqualTo("/api/v1/internal/chain/verify")), "{\"verified\":true,\"checked\":5}");
        }
        Downstreams.QUARANTINE.stubFor(post(urlPathEqualTo(NOTARY)).willReturn(aResponse().withStatus(201)));
    }

    private JsonNode anchorNow() throws Exception {
        return JSON.readTree(client.post().uri("/api/v1/anchors").exchange().expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody());
    }

    private static JsonNode head(JsonNode payload, String service) {
        for (JsonNode h : payload.path("heads")) {
            if (service.equals(h.path("service").asText())) {
                return h;
            }
        }
        throw new AssertionError(service + " not in " + payload);
    }

    @Test
    void anchorsAreSignedChainedPostedAndCheckedAgainstTheNextHeads() throws Exception {
        JsonNode first = anchorNow();
        String publicKey = JSON.readTree(client.get().uri("/api/v1/anchors/public-key").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody()).path("publicKey").asText();

        // offline: the payload text, the signature and the published key are all it takes
        assertThat(AnchorSigner.verify(publicKey, first.path("payload").asText(), first.path("signature").asText())).isTrue();
        assertThat(AnchorSigner.verify(publicKey, first.path("payload").asText().replace(HASH_A, HASH_B),
                first.path("signature").asText())).isFalse();
        JsonNode payload = JSON.readTree(first.path("payload").asText());
        assertThat(head(payload, "registry").path("headHash").asText()).isEqualTo(HASH_A);
        assertThat(first.path("posted").asBoolean()).isTrue();
        Downstreams.QUARANTINE.verify(postRequestedFor(urlPathEqualTo(NOTARY))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(first.path("signature").asText())));

        // the chains grew: each still holds the anchored hash at 10 and verifies after it
        for (WireMockServer server : Downstreams.ALL) {
            head(server, 15, HASH_B);
        }
        JsonNode second = anchorNow();
        JsonNode secondPayload = JSON.readTree(second.path("payload").asText());
        assertThat(secondPayload.path("sequence").asLong()).isEqualTo(payload.path("sequence").asLong() + 1);
        assertThat(secondPayload.path("previous").asText()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(first.path("payload").asText().getBytes(StandardCharsets.UTF_8))));
        for (String service : List.of("registry", "quarantine", "checkpoint", "volunteer")) {
            assertThat(head(secondPayload, service).path("status").asText()).as(service).isEqualTo("extends");
        }
        Downstreams.REGISTRY.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/v1/internal/chain/verify")).withQueryParam("from", equalTo("11")));

        // someone rewrote checkpoint's store and chain: the hash at 15 is not the anchored one any more
        recorded(Downstreams.CHECKPOINT, 15, "c".repeat(64));
        head(Downstreams.CHECKPOINT, 16, "d".repeat(64));
        recorded(Downstreams.REGISTRY, 15, HASH_B);
        head(Downstreams.REGISTRY, 16, "e".repeat(64));
        // and the notary is down for a while: the record is kept and posted later
        Downstreams.QUARANTINE.stubFor(post(urlPathEqualTo(NOTARY)).willReturn(aResponse().withStatus(503)));
        JsonNode third = anchorNow();
        JsonNode thirdPayload = JSON.readTree(third.path("payload").asText());
        assertThat(head(thirdPayload, "checkpoint").path("status").asText()).isEqualTo("diverged");
        assertThat(head(thirdPayload, "checkpoint").path("detail").asText()).contains("15");
        assertThat(head(thirdPayload, "registry").path("status").asText()).isEqualTo("extends");
        assertThat(third.path("posted").asBoolean()).isFalse();

        Downstreams.QUARANTINE.stubFor(post(urlPathEqualTo(NOTARY)).willReturn(aResponse().withStatus(201)));
        JsonNode fourth = anchorNow();
        assertThat(fourth.path("posted").asBoolean()).isTrue();
        JsonNode third2 = JSON.readTree(client.get().uri("/api/v1/anchors/" + thirdPayload.path("sequence").asLong())
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(third2.path("posted").asBoolean()).isTrue();
        Downstreams.QUARANTINE.verify(postRequestedFor(urlPathEqualTo(NOTARY))
                .withHeader("Idempotency-Key", equalTo("lianfang-anchor-gateway-1-" + thirdPayload.path("sequence").asLong())));
    }

    @Test
    void theTrailShowsPerServiceWhetherTheLatestAnchorStillHolds() throws Exception {
        anchorNow();
        String path = "/api/v1/internal/persons/p-1/events";
        for (WireMockServer server : Downstreams.ALL) {
            json(server, get(urlPathEqualTo(path)), "{\"events\":[]}");
        }
        json(Downstreams.REGISTRY, get(urlPathEqualTo(path)), "{\"events\":[{\"service\":\"registry\",\"globalIndex\":4,"
                + "\"type\":\"PersonRegistered\",\"occurredAt\":\"2020-01-25T08:00:00Z\",\"recordedAt\":\"2020-01-25T08:00:00Z\","
                + "\"payload\":{}},{\"service\":\"registry\",\"globalIndex\":12,\"type\":\"TraceCallRecorded\","
                + "\"occurredAt\":\"2020-01-26T08:00:00Z\",\"recordedAt\":\"2020-01-26T08:00:00Z\",\"payload\":{}}]}");
        JsonNode trail = JSON.readTree(client.get().uri("/api/v1/persons/p-1/trail").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
        JsonNode registry = trail.path("services").get(2);
        assertThat(registry.path("service").asText()).isEqualTo("registry");
        assertThat(registry.path("anchor").path("status").asText()).isEqualTo("holds");
        assertThat(registry.path("anchor").path("headIndex").asLong()).isEqualTo(10);
        assertThat(registry.path("anchor").path("eventsCovered").asLong()).isEqualTo(1);

        recorded(Downstreams.REGISTRY, 10, HASH_B);
        trail = JSON.readTree(client.get().uri("/api/v1/persons/p-1/trail").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
        assertThat(trail.path("services").get(2).path("anchor").path("status").asText()).isEqualTo("diverged");
    }

    @Test
    void aServiceThatAnswersWhatItsChainRecordsAtTheAnchoredHeadWithItsEventsIsNotAskedAgain() throws Exception {
        anchorNow();
        Downstreams.ALL.forEach(WireMockServer::resetRequests);
        String path = "/api/v1/internal/persons/p-1/events";
        for (WireMockServer server : Downstreams.ALL) {
            json(server, get(urlPathEqualTo(path)), "{\"events\":[],\"anchorEntry\":{\"globalIndex\":10,\"hash\":\""
                    + HASH_A + "\"}}");
        }
        // the registry's chain no longer records the anchored hash at 10
        json(Downstreams.REGISTRY, get(urlPathEqualTo(path)), "{\"events\":[{\"service\":\"registry\",\"globalIndex\":4,"
                + "\"type\":\"PersonRegistered\",\"occurredAt\":\"2020-01-25T08:00:00Z\",\"recordedAt\":\"2020-01-25T08:00:00Z\","
                + "\"payload\":{}},{\"service\":\"registry\",\"globalIndex\":12,\"type\":\"TraceCallRecorded\","
                + "\"occurredAt\":\"2020-01-26T08:00:00Z\",\"recordedAt\":\"2020-01-26T08:00:00Z\",\"payload\":{}}],"
                + "\"chain\":{\"verified\":true,\"checked\":2},\"anchorEntry\":{\"globalIndex\":10,\"hash\":\"" + HASH_B + "\"}}");
        // and the checkpoint's has nothing at or below its head there
        json(Downstreams.CHECKPOINT, get(urlPathEqualTo(path)), "{\"events\":[],\"anchorEntry\":null}");

        JsonNode trail = JSON.readTree(client.get().uri("/api/v1/persons/p-1/trail").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());

        JsonNode services = trail.path("services");
        assertThat(services.findValuesAsText("service")).containsExactly("checkpoint", "quarantine", "registry", "volunteer");
        assertThat(services.get(2).path("anchor").path("status").asText()).isEqualTo("diverged");
        assertThat(services.get(2).path("anchor").path("eventsCovered").asLong()).isEqualTo(1);
        assertThat(services.get(2).path("chain").path("status").asText()).isEqualTo("verified");
        assertThat(services.get(0).path("anchor").path("status").asText()).isEqualTo("diverged");
        assertThat(services.get(1).path("anchor").path("status").asText()).isEqualTo("holds");
        assertThat(services.get(3).path("anchor").path("headIndex").asLong()).isEqualTo(10);
        for (WireMockServer server : Downstreams.ALL) {
            server.verify(getRequestedFor(urlPathEqualTo(path)).withQueryParam("anchorIndex", equalTo("10"))
                    .withQueryParam("verify", equalTo("true")));
            assertThat(server.getAllServeEvents()).as(Downstreams.nameOf(server))
                    .noneMatch(e -> e.getRequest().getUrl().contains("/chain/"));
        }
    }

    @Test
    void onlyAnAdminAnchorsAndCountyAuditorAdminRead() throws Exception {
        byte[] created = client.post().uri("/api/v1/admin/clients").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"anchor-op\",\"role\":\"operator\",\"communityId\":\"anguo\"}")
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        String key = JSON.readTree(created).path("apiKey").asText();
        anonymous.post().uri("/api/v1/anchors").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .exchange().expectStatus().isForbidden();
        anonymous.get().uri("/api/v1/anchors").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/anchors?limit=0").exchange().expectStatus().isBadRequest();
        client.get().uri("/api/v1/anchors/999999").exchange().expectStatus().isNotFound();
    }
}
