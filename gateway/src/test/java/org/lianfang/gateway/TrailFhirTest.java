package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The trail as a FHIR R4 Bundle: structure, references that resolve inside it, LOINC code, UCUM units. */
class TrailFhirTest extends GatewayIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/api/v1/internal/persons/p-1/events";

    private static void answer(WireMockServer server, String... entries) {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .withBody("{\"events\":[" + String.join(",", entries) + "]}")));
    }

    private static String entry(String service, long index, String type, String at, String payload) {
        return """
                {"service":"%s","globalIndex":%d,"type":"%s","occurredAt":"%s","recordedAt":"%s",
                 "actor":"medic-li","correlationId":"c","communityId":"anguo","personIds":["p-1"],"summary":"s","payload":%s}
                """.formatted(service, index, type, at, at, payload);
    }

    private JsonNode bundle(String query, MediaType accept) throws Exception {
        byte[] body = client.get().uri("/api/v1/persons/p-1/trail" + query).accept(accept).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("application/fhir+json"))
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    @Test
    void theTrailExportsAsABundleWhoseReferencesResolveWithLoincAndUcum() throws Exception {
        answer(Downstreams.REGISTRY, entry("registry", 1, "PersonRegistered", "2020-01-25T08:00:00Z",
                "{\"name\":\"张三\",\"arrivalDate\":\"2020-01-20\"}"));
        answer(Downstreams.QUARANTINE, entry("quarantine", 3, "TemperatureRecorded", "2020-01-26T09:00:00Z",
                "{\"personId\":\"p-1\",\"celsius\":36.8,\"method\":\"FOREHEAD\"}"));
        answer(Downstreams.CHECKPOINT, entry("checkpoint", 5, "CrossingRecorded", "2020-01-27T09:00:00Z",
                "{\"crossing\":{\"personId\":\"p-1\",\"temperatureCelsius\":37.4}}"),
                entry("checkpoint", 6, "CrossingRecorded", "2020-01-27T10:00:00Z",
                "{\"crossing\":{\"personId\":\"p-other\",\"temperatureCelsius\":36.1}}"));
        answer(Downstreams.VOLUNTEER);

        JsonNode bundle = bundle("?format=fhir", MediaType.APPLICATION_JSON);

        assertThat(bundle.path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.path("type").asText()).isEqualTo("collection");
        Map<String, JsonNode> byUrl = new HashMap<>();
        Map<String, List<JsonNode>> byType = new HashMap<>();
        for (JsonNode entry : bundle.path("entry")) {
            assertThat(entry.path("fullUrl").asText()).startsWith("urn:uuid:")
                    .endsWith(entry.path("resource").path("id").asText());
            byUrl.put(entry.path("fullUrl").asText(), entry.path("resource"));
            byType.computeIfAbsent(entry.path("resource").path("resourceType").asText(), k -> new ArrayList<>())
                    .add(entry.path("resource"));
        }
        assertThat(byType.keySet()).containsExactlyInAnyOrder("Patient", "Observation", "Provenance");
        assertThat(byType.get("Patient")).hasSize(1);
        assertThat(byType.get("Patient").get(0).path("identifier").get(0).path("value").asText()).isEqualTo("p-1");
        assertThat(byType.get("Patient").get(0).path("name").get(0).path("text").asText()).isEqualTo("张三");
        // the medic's reading and p-1's own gate reading; another person's crossing is not p-1's temperature
        assertThat(byType.get("Observation")).hasSize(2);
        assertThat(byType.get("Provenance")).hasSize(2);
        List<String> references = bundle.findValuesAsText("reference");
        assertThat(references).hasSize(4).allSatisfy(ref -> assertThat(byUrl).containsKey(ref));
        for (JsonNode obs : byType.get("Observation")) {
            assertThat(obs.path("status").asText()).isEqualTo("final");
            JsonNode coding = obs.path("code").path("coding").get(0);
            assertThat(coding.path("system").asText()).isEqualTo("http://loinc.org");
            assertThat(coding.path("code").asText()).isEqualTo("8310-5");
            JsonNode quantity = obs.path("valueQuantity");
            assertThat(quantity.path("system").asText()).isEqualTo("http://unitsofmeasure.org");
            assertThat(quantity.path("code").asText()).isEqualTo("Cel");
            assertThat(quantity.path("unit").asText()).isEqualTo("Cel");
            assertThat(byUrl.get(obs.path("subject").path("reference").asText()).path("resourceType").asText())
                    .isEqualTo("Patient");
        }
        assertThat(byType.get("Observation")).extracting(o -> o.path("valueQuantity").path("value").decimalValue()
                .toPlainString()).containsExactlyInAnyOrder("36.8", "37.4");
        for (JsonNode provenance : byType.get("Provenance")) {
            assertThat(byUrl.get(provenance.path("target").get(0).path("reference").asText())
                    .path("resourceType").asText()).isEqualTo("Observation");
            assertThat(provenance.path("agent").get(0).path("who").path("display").asText()).isEqualTo("medic-li");
            assertThat(provenance.path("recorded").asText()).isNotEmpty();
        }

        JsonNode again = bundle("", MediaType.parseMediaType("application/fhir+json"));
        assertThat(again.path("entry").findValuesAsText("fullUrl"))
                .isEqualTo(bundle.path("entry").findValuesAsText("fullUrl"));
        client.get().uri("/api/v1/persons/p-1/trail?format=xml").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("format");
        client.get().uri("/api/v1/persons/p-1/trail").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON);
    }
}
