package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** One OpenAPI document for the suite, merged from the services' own, public. */
class OpenApiTest extends GatewayIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static void docs(WireMockServer server, String path, String schemaName, String schemaType) {
        server.stubFor(get(urlPathEqualTo("/v3/api-docs")).willReturn(aResponse().withStatus(200)
                .withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE).withBody("""
                        {"openapi":"3.0.1","info":{"title":"x","version":"1"},
                         "paths":{"%s":{"post":{"requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/%s"}}}},"responses":{"201":{"description":"ok"}}}},
                                  "/api/v1/internal/events":{"get":{"responses":{"200":{"description":"ok"}}}}},
                         "components":{"schemas":{"%s":{"type":"%s"}}}}
                        """.formatted(path, schemaName, schemaName, schemaType))));
    }

    @Test
    void theServicesDocumentsAreMergedWithoutInternalPathsAndCollidingSchemasRenamed() throws Exception {
        docs(Downstreams.REGISTRY, "/api/v1/persons", "Request", "object");
        docs(Downstreams.QUARANTINE, "/api/v1/quarantines", "Request", "string");
        docs(Downstreams.CHECKPOINT, "/api/v1/checkpoints", "Checkpoint", "object");
        docs(Downstreams.VOLUNTEER, "/api/v1/volunteers", "Volunteer", "object");

        byte[] body = anonymous.get().uri("/openapi.json").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        JsonNode doc = JSON.readTree(body);

        assertThat(doc.path("paths").has("/api/v1/persons")).isTrue();
        assertThat(doc.path("paths").has("/api/v1/volunteers")).isTrue();
        assertThat(doc.path("paths").has("/api/v1/persons/{personId}/trail")).isTrue();
        assertThat(doc.path("paths").has("/api/v1/internal/events")).isFalse();
        assertThat(doc.path("components").path("schemas").has("Request")).isTrue();
        // services merge in name order: quarantine's Request came first, registry's differs and is renamed
        assertThat(doc.path("components").path("schemas").path("Request").path("type").asText()).isEqualTo("string");
        assertThat(doc.path("components").path("schemas").has("registry_Request")).isTrue();
        assertThat(doc.path("paths").path("/api/v1/persons").path("post").path("requestBody").toString())
                .contains("#/components/schemas/registry_Request");
        assertThat(doc.path("components").path("securitySchemes").path("apiKey").path("scheme").asText()).isEqualTo("bearer");
        assertThat(doc.path("info").path("description").asText()).contains("problem+json", "too-many-requests");
        assertThat(doc.has("x-missing-services")).isFalse();
    }
}
