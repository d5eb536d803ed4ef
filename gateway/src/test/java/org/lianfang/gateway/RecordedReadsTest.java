package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.identity.IdentityCodec;
import org.lianfang.identity.SignedIdentity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Auditor and county reads of a person's data are recorded in the registry (WireMock here) under the
 * caller's signed identity; an auditor's read that cannot be recorded is not served.
 */
class RecordedReadsTest extends GatewayIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PERSON = "{\"id\":\"p-1\",\"name\":\"赵超（示例）\",\"phone\":\"13800001234\"}";

    @BeforeEach
    void patientClients() {
        // The recorded read is a second HTTP call; a loaded build machine needs more than 5 s.
        anonymous = anonymous.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        client = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    private JsonNode client(String role, String community) throws Exception {
        byte[] response = client.post().uri("/api/v1/admin/clients").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"reader\",\"role\":\"" + role + "\",\"communityId\":\"" + community + "\"}")
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return JSON.readTree(response);
    }

    private void personServed() {
        Downstreams.REGISTRY.stubFor(get(urlPathEqualTo("/api/v1/persons/p-1")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(PERSON)));
    }

    private List<LoggedRequest> records() {
        return Downstreams.REGISTRY.findAll(postRequestedFor(urlPathMatching("/api/v1/internal/persons/.*/reads")));
    }

    @Test
    void anAuditorsReadIsRecordedWithWhatWhyAndTheCorrelationIdSignedAsTheAuditor() throws Exception {
        JsonNode auditor = client("auditor", "anguo");
        personServed();
        Downstreams.REGISTRY.stubFor(post(urlPathEqualTo("/api/v1/internal/persons/p-1/reads"))
                .willReturn(aResponse().withStatus(201)));

        String body = anonymous.get().uri("/api/v1/persons/p-1?reason=complaint 2020-17")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + auditor.path("apiKey").asText())
                .header("X-Correlation-Id", "corr-audit-1")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).isEqualTo(PERSON);

        List<LoggedRequest> records = records();
        assertThat(records).hasSize(1);
        JsonNode record = JSON.readTree(records.get(0).getBodyAsString());
        assertThat(record.path("what").asText()).isEqualTo("person");
        assertThat(record.path("reason").asText()).isEqualTo("complaint 2020-17");
        assertThat(record.path("correlationId").asText()).isEqualTo("corr-audit-1");
        SignedIdentity identity = new IdentityCodec(IDENTITY_KEY, Clock.systemUTC())
                .verify(records.get(0).getHeader(IdentityCodec.HEADER), "POST", "/api/v1/internal/persons/p-1/reads")
                .orElseThrow();
        assertThat(identity.subject()).isEqualTo(auditor.path("id").asText());
        assertThat(identity.role()).isEqualTo("auditor");
        assertThat(records.get(0).containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
    }

    @Test
    void anAuditorsReadThatCannotBeRecordedIsA503AndShowsNothing() throws Exception {
        String key = client("auditor", "anguo").path("apiKey").asText();
        personServed();
        Downstreams.REGISTRY.stubFor(post(urlPathEqualTo("/api/v1/internal/persons/p-1/reads"))
                .willReturn(aResponse().withStatus(500)));
        String refused = anonymous.get().uri("/api/v1/persons/p-1?reason=audit")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .exchange().expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("https://lianfang.org/problems/service-unavailable")
                .doesNotContain("13800001234").doesNotContain("赵超");

        Downstreams.REGISTRY.stubFor(post(urlPathEqualTo("/api/v1/internal/persons/p-1/reads"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Downstreams.QUARANTINE.stubFor(get(urlPathEqualTo("/api/v1/quarantines")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"items\":[{\"personId\":\"p-1\"}]}")));
        anonymous.get().uri("/api/v1/quarantines?personId=p-1&reason=audit")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .exchange().expectStatus().isEqualTo(503);
    }

    @Test
    void aCountyReadIsRecordedButServedEvenWhenTheRecordFails() throws Exception {
        String key = client("county", "*").path("apiKey").asText();
        personServed();
        Downstreams.REGISTRY.stubFor(post(urlPathEqualTo("/api/v1/internal/persons/p-1/reads"))
                .willReturn(aResponse().withStatus(503)));
        anonymous.get().uri("/api/v1/persons/p-1").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .exchange().expectStatus().isOk().expectBody(String.class).isEqualTo(PERSON);
        assertThat(records()).hasSize(1);
        assertThat(JSON.readTree(records().get(0).getBodyAsString()).path("reason").asText()).isEqualTo("none stated");
    }

    @Test
    void operatorReadsListsAndFailedReadsAreNotRecorded() throws Exception {
        String operator = client("operator", "anguo").path("apiKey").asText();
        String auditor = client("auditor", "anguo").path("apiKey").asText();
        personServed();
        Downstreams.REGISTRY.stubFor(get(urlPathEqualTo("/api/v1/persons/p-404")).willReturn(aResponse().withStatus(404)));
        Downstreams.REGISTRY.stubFor(get(urlPathEqualTo("/api/v1/persons")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"items\":[]}")));
        anonymous.get().uri("/api/v1/persons/p-1").header(HttpHeaders.AUTHORIZATION, "Bearer " + operator)
                .exchange().expectStatus().isOk();
        anonymous.get().uri("/api/v1/persons/p-404?reason=audit").header(HttpHeaders.AUTHORIZATION, "Bearer " + auditor)
                .exchange().expectStatus().isNotFound();
        anonymous.get().uri("/api/v1/persons").header(HttpHeaders.AUTHORIZATION, "Bearer " + auditor)
                .exchange().expectStatus().isOk();
        assertThat(records()).isEmpty();
    }

    @Test
    void anAuditorMustSayWhyBeforeReadingAPersonsDataAndNothingIsServedOrRecordedWithoutIt() throws Exception {
        String auditor = client("auditor", "anguo").path("apiKey").asText();
        personServed();
        String refused = anonymous.get().uri("/api/v1/persons/p-1").header(HttpHeaders.AUTHORIZATION, "Bearer " + auditor)
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(JSON.readTree(refused).path("errors").path(0).path("field").asText()).isEqualTo("reason");
        assertThat(refused).doesNotContain("13800001234");
        assertThat(records()).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "/api/v1/persons/p-1, person", "/api/v1/persons/p-1/trail, trail", "/api/v1/persons/p-1/colour, colour",
            "/api/v1/tracing/p-1, tracing", "/api/v1/exports/persons/p-1, export", "/api/v1/quarantines, quarantines",
            "/api/v1/crossings, crossings"})
    void whatWasReadIsTheOneWordTheRegistryRecords(String path, String what) {
        assertThat(org.lianfang.gateway.security.RecordedReadsFilter.whatOf(path)).isEqualTo(what).matches("[a-z][a-z0-9-]{0,31}");
    }
}
