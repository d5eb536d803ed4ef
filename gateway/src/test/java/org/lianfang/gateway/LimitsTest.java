package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Page sizes, admin bodies of the wrong JSON type and unknown routes: problems naming what is wrong, nothing internal. */
class LimitsTest extends GatewayIntegrationTest {

    @Test
    void aPageSizeOverTheMaximumIsA400NamingTheParameterAndNoServiceIsCalled() {
        Downstreams.VOLUNTEER.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
        for (String parameter : new String[] {"limit", "size", "pageSize"}) {
            client.get().uri("/api/v1/volunteers?" + parameter + "=501").exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://lianfang.org/problems/validation")
                    .jsonPath("$.errors[0].field").isEqualTo(parameter)
                    .jsonPath("$.errors[0].reason").isEqualTo("must be at most 500");
        }
        assertThat(Downstreams.VOLUNTEER.getAllServeEvents()).isEmpty();

        client.get().uri("/api/v1/volunteers?limit=500").exchange().expectStatus().isOk();
        assertThat(Downstreams.VOLUNTEER.getAllServeEvents()).hasSize(1);
    }

    @Test
    void anAdminBodyWithAValueOfTheWrongJsonTypeIsA400NamingTheField() {
        client.post().uri("/api/v1/admin/clients").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"x\",\"role\":\"operator\",\"communityId\":\"anguo\",\"compounds\":\"c1\"}")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://lianfang.org/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo("compounds")
                .jsonPath("$.errors[0].reason").isEqualTo("must be an array");
        client.post().uri("/api/v1/admin/clients").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":{\"a\":1},\"role\":\"operator\",\"communityId\":\"anguo\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name")
                .jsonPath("$.errors[0].reason").isEqualTo("must be a string");
        client.post().uri("/api/v1/admin/clients/cl-x/rotate").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"graceSeconds\":\"soon\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("graceSeconds")
                .jsonPath("$.errors[0].reason").isEqualTo("must be a number");
        client.post().uri("/api/v1/admin/clients").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": ")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
    }

    @Test
    void anUnknownRouteIsA404ProblemThatRevealsNothingInternal() {
        String body = client.get().uri("/api/v1/internal/persons/p-1/events").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("\"type\":\"https://lianfang.org/problems/not-found\"")
                .doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("spring")
                .doesNotContain("127.0.0.1").doesNotContain("trace");
        anonymous.get().uri("/nothing-here").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
