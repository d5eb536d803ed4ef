package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.MediaType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

/**
 * Slow and failing services, on routes whose breakers stay closed here (too few calls to trip);
 * a breaker opening is shown in {@link ServiceDownTest}.
 */
class ResilienceTest extends GatewayIntegrationTest {

    private static final int SLOWER_THAN_THE_VOLUNTEER_ROUTE_TIMEOUT_MS = 4 * Integer.parseInt(VOLUNTEER_RESPONSE_TIMEOUT_MS);

    @Test
    void aSlowServiceAnswers504ProblemDetailsNamingTheService() {
        Downstreams.VOLUNTEER.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withFixedDelay(SLOWER_THAN_THE_VOLUNTEER_ROUTE_TIMEOUT_MS)));

        client.get().uri("/api/v1/shifts/s-1").header("X-Correlation-Id", "corr-slow").exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://lianfang.org/problems/gateway-timeout")
                .jsonPath("$.status").isEqualTo(504)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("volunteer"))
                .jsonPath("$.instance").isEqualTo("/api/v1/shifts/s-1")
                .jsonPath("$.correlationId").isEqualTo("corr-slow");
    }

    @Test
    void aPostThatTimesOutIsSentToTheServiceExactlyOnce() {
        Downstreams.VOLUNTEER.stubFor(post(urlEqualTo("/api/v1/deliveries")).willReturn(aResponse().withStatus(201)
                .withFixedDelay(SLOWER_THAN_THE_VOLUNTEER_ROUTE_TIMEOUT_MS)));

        client.post().uri("/api/v1/deliveries").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"household\":\"h-1\"}")
                .exchange()
                .expectStatus().isEqualTo(504);

        assertReceivedExactlyOnce(Downstreams.VOLUNTEER, "/api/v1/deliveries");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
    void aPostWhoseConnectionFailsIsSentToTheServiceExactlyOnce(Fault fault) {
        Downstreams.CHECKPOINT.stubFor(post(urlEqualTo("/api/v1/passes"))
                .willReturn(aResponse().withFault(fault)));

        client.post().uri("/api/v1/passes").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"person\":\"p-1\"}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://lianfang.org/problems/service-unavailable")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("checkpoint"));

        assertReceivedExactlyOnce(Downstreams.CHECKPOINT, "/api/v1/passes");
    }

    /** A resend would follow the failure at once; a short quiet period shows none came. */
    private static void assertReceivedExactlyOnce(WireMockServer service, String path) {
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> service.verify(1, postRequestedFor(urlEqualTo(path))));
    }
}
