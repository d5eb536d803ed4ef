package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import com.github.tomakehurst.wiremock.WireMockServer;

class RoutingTest extends GatewayIntegrationTest {

    static Stream<Arguments> resourcesAndOwners() {
        return Stream.of(
                Arguments.of("/api/v1/compounds", "registry"),
                Arguments.of("/api/v1/compounds/c-1/grid-roles", "registry"),
                Arguments.of("/api/v1/households/h-1", "registry"),
                Arguments.of("/api/v1/persons/p-1", "registry"),
                Arguments.of("/api/v1/persons/p-1/colour", "registry"),
                Arguments.of("/api/v1/boards/colours", "registry"),
                Arguments.of("/api/v1/quarantines/q-1/temperatures", "quarantine"),
                Arguments.of("/api/v1/boards/quarantine", "quarantine"),
                Arguments.of("/api/v1/checkpoints/k-1/crossings", "checkpoint"),
                Arguments.of("/api/v1/passes/s-1", "checkpoint"),
                Arguments.of("/api/v1/boards/checkpoints", "checkpoint"),
                Arguments.of("/api/v1/volunteers", "volunteer"),
                Arguments.of("/api/v1/teams/t-1", "volunteer"),
                Arguments.of("/api/v1/shifts/s-1/assignments", "volunteer"),
                Arguments.of("/api/v1/deliveries/d-1", "volunteer"),
                Arguments.of("/api/v1/disinfections", "volunteer"),
                Arguments.of("/api/v1/boards/volunteers", "volunteer"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("resourcesAndOwners")
    void routesEachResourceToItsOwningServiceWithThePathUnchanged(String path, String owner) {
        Downstreams.ALL.forEach(server -> server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(Downstreams.nameOf(server)))));

        client.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo(owner);

        WireMockServer ownerServer = Downstreams.named(owner);
        ownerServer.verify(1, anyRequestedFor(urlEqualTo(path)));
        Downstreams.ALL.stream().filter(server -> server != ownerServer)
                .forEach(other -> assertThat(other.getAllServeEvents()).as(Downstreams.nameOf(other)).isEmpty());
    }

    @Test
    void passesQueryBodyAndHeadersThroughAndTheServiceAnswerBack() {
        String body = "{\"name\":\"Zhang San\",\"origin\":\"WUHAN\"}";
        Downstreams.REGISTRY.stubFor(post(urlEqualTo("/api/v1/persons?dryRun=false"))
                .willReturn(aResponse().withStatus(201)
                        .withHeader(HttpHeaders.LOCATION, "/api/v1/persons/p-42")
                        .withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                        .withBody("{\"id\":\"p-42\"}")));

        client.post().uri("/api/v1/persons?dryRun=false")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "k-7f3a")
                .bodyValue(body)
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/api/v1/persons/p-42")
                .expectBody().jsonPath("$.id").isEqualTo("p-42");

        Downstreams.REGISTRY.verify(1, postRequestedFor(urlEqualTo("/api/v1/persons?dryRun=false"))
                .withRequestBody(equalToJson(body))
                .withHeader(HttpHeaders.CONTENT_TYPE, equalTo(MediaType.APPLICATION_JSON_VALUE))
                .withHeader("Idempotency-Key", equalTo("k-7f3a"))
                .withHeader("X-Actor-Role", equalTo("admin"))
                .withHeader("X-Lianfang-Identity", matching(".+\\..+"))
                .withoutHeader(HttpHeaders.AUTHORIZATION));
    }

    @Test
    void aServicesOwnErrorAnswerPassesThroughUntouched() {
        String problem = "{\"type\":\"https://lianfang.org/problems/validation\",\"status\":400,\"errors\":[{\"field\":\"name\"}]}";
        Downstreams.REGISTRY.stubFor(post(urlEqualTo("/api/v1/persons"))
                .willReturn(aResponse().withStatus(400)
                        .withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                        .withBody(problem)));

        client.post().uri("/api/v1/persons").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().json(problem, true);
    }

    @Test
    void aPersonsTrailIsComposedByTheGatewayNotRoutedToTheRegistry() {
        Downstreams.ALL.forEach(s -> s.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE).withBody("{\"events\":[]}"))));

        client.get().uri("/api/v1/persons/p-1/trail?asOf=2020-02-10T00:00:00Z").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(Downstreams.REGISTRY.getAllServeEvents()).extracting(e -> e.getRequest().getUrl())
                .containsExactly("/api/v1/internal/persons/p-1/events?asOf=2020-02-10T00%3A00%3A00Z&verify=true");
    }

    @Test
    void anUnknownApiPathAnswers404ProblemDetails() {
        client.get().uri("/api/v1/unicorns/u-1?owner=x").header("X-Correlation-Id", "corr-404").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://lianfang.org/problems/not-found")
                .jsonPath("$.title").isEqualTo("Not Found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.instance").isEqualTo("/api/v1/unicorns/u-1")
                .jsonPath("$.correlationId").isEqualTo("corr-404")
                .jsonPath("$.trace").doesNotExist();
        Downstreams.ALL.forEach(server -> assertThat(server.getAllServeEvents()).isEmpty());
    }

    @Test
    void theInternalFallbackPathCannotBeCalledDirectly() {
        client.get().uri("/gateway-fallback/registry").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
