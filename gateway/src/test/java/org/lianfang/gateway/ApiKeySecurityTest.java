package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.lianfang.identity.IdentityCodec;
import org.lianfang.identity.SignedIdentity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** API keys: issued once, stored as hashes, revocable, rotatable, rate-limited; identities signed for services. */
class ApiKeySecurityTest extends GatewayIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode createClient(String body) throws Exception {
        byte[] response = client.post().uri("/api/v1/admin/clients").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(response);
    }

    @Test
    void aRequestWithoutOrWithAnUnknownKeyIs401AndReachesNoService() {
        Downstreams.REGISTRY.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));

        anonymous.get().uri("/api/v1/persons/p-1").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"lianfang\"")
                .expectBody().jsonPath("$.type").isEqualTo("https://lianfang.org/problems/unauthorized");
        anonymous.get().uri("/api/v1/persons/p-1").header(HttpHeaders.AUTHORIZATION, "Bearer lf_nobody")
                .exchange().expectStatus().isUnauthorized();

        assertThat(Downstreams.REGISTRY.getAllServeEvents()).isEmpty();
    }

    @Test
    void aCreatedClientsKeyIsShownOnceStoredAsAHashAndSignsItsIdentityForTheService() throws Exception {
        JsonNode created = createClient("{\"name\":\"north gate tablet\",\"role\":\"operator\",\"communityId\":\"anguo\"}");
        String key = created.path("apiKey").asText();
        assertThat(key).startsWith("lf_").hasSizeGreaterThan(40);

        String listing = client.get().uri("/api/v1/admin/clients").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(listing).contains(created.path("id").asText()).doesNotContain(key);
        try (MongoClient mongo = MongoClients.create(STORE.uri())) {
            MongoDatabase db = mongo.getDatabase("lianfang_gateway");
            for (String collection : List.of("api_clients", "api_keys")) {
                for (Document d : db.getCollection(collection).find()) {
                    assertThat(d.toJson()).doesNotContain(key).doesNotContain(key.substring(3));
                }
            }
        }

        Downstreams.REGISTRY.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        anonymous.get().uri("/api/v1/persons/p-7").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .header("X-Actor-Role", "admin").header("X-Community-Id", "elsewhere")
                .exchange().expectStatus().isOk();

        LoggedRequest forwarded = Downstreams.REGISTRY.getAllServeEvents().get(0).getRequest();
        assertThat(forwarded.getHeader("X-Actor-Role")).isEqualTo("operator");
        assertThat(forwarded.getHeader("X-Community-Id")).isEqualTo("anguo");
        assertThat(forwarded.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
        SignedIdentity identity = new IdentityCodec(IDENTITY_KEY, Clock.systemUTC())
                .verify(forwarded.getHeader(IdentityCodec.HEADER), "GET", "/api/v1/persons/p-7").orElseThrow();
        assertThat(identity.subject()).isEqualTo(created.path("id").asText());
        assertThat(identity.role()).isEqualTo("operator");
        assertThat(identity.communityId()).isEqualTo("anguo");
    }

    @Test
    void onlyAdminsManageClients() throws Exception {
        String key = createClient("{\"name\":\"medic\",\"role\":\"medic\",\"communityId\":\"anguo\"}").path("apiKey").asText();

        anonymous.get().uri("/api/v1/admin/clients").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aRevokedKeyStopsWorkingWithinSecondsAndARotatedOneAtOnce() throws Exception {
        Downstreams.QUARANTINE.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        JsonNode revoked = createClient("{\"name\":\"old tablet\",\"role\":\"operator\",\"communityId\":\"anguo\"}");
        String revokedKey = revoked.path("apiKey").asText();
        anonymous.get().uri("/api/v1/quarantines").header(HttpHeaders.AUTHORIZATION, "Bearer " + revokedKey)
                .exchange().expectStatus().isOk();
        client.delete().uri("/api/v1/admin/clients/" + revoked.path("id").asText()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.revokedAt").isNotEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> anonymous.get().uri("/api/v1/quarantines")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + revokedKey).exchange().expectStatus().isUnauthorized());

        JsonNode rotated = createClient("{\"name\":\"rotating\",\"role\":\"medic\",\"communityId\":\"anguo\"}");
        String oldKey = rotated.path("apiKey").asText();
        byte[] body = client.post().uri("/api/v1/admin/clients/" + rotated.path("id").asText() + "/rotate")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"graceSeconds\":0}")
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        String newKey = JSON.readTree(body).path("apiKey").asText();
        assertThat(newKey).isNotEqualTo(oldKey).startsWith("lf_");
        anonymous.get().uri("/api/v1/quarantines").header(HttpHeaders.AUTHORIZATION, "Bearer " + oldKey)
                .exchange().expectStatus().isUnauthorized();
        anonymous.get().uri("/api/v1/quarantines").header(HttpHeaders.AUTHORIZATION, "Bearer " + newKey)
                .exchange().expectStatus().isOk();
    }

    @Test
    void anInvalidClientIsA400NamingTheFieldAndARetriedCreateMakesNoSecondClient() throws Exception {
        client.post().uri("/api/v1/admin/clients").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"x\",\"role\":\"superuser\",\"communityId\":\"anguo\"}")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("role");

        String body = "{\"name\":\"county feed\",\"role\":\"county\"}";
        byte[] first = client.post().uri("/api/v1/admin/clients").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "create-county-1").bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        String id = JSON.readTree(first).path("id").asText();
        assertThat(JSON.readTree(first).path("communityId").asText()).isEqualTo("*");
        client.post().uri("/api/v1/admin/clients").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "create-county-1").bodyValue(body)
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.clientId").isEqualTo(id);
    }

    @Test
    void aClientOverItsRateLimitGets429WithRetryAfter() throws Exception {
        Downstreams.CHECKPOINT.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        String key = createClient("{\"name\":\"auditor\",\"role\":\"auditor\",\"communityId\":\"anguo\"}").path("apiKey").asText();

        for (int i = 0; i < 3; i++) {
            anonymous.get().uri("/api/v1/checkpoints").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                    .exchange().expectStatus().isOk();
        }
        anonymous.get().uri("/api/v1/checkpoints").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .exchange().expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, v -> assertThat(Long.parseLong(v)).isBetween(1L, 5L));
        assertThat(Downstreams.CHECKPOINT.getAllServeEvents()).hasSize(3);
    }
}
