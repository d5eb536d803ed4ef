package org.lianfang.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

class ActuatorTest extends GatewayIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"})
    void healthAndProbesAreUp(String path) {
        client.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components").doesNotExist();
    }

    @Test
    void onlyTheHealthProbesArePublicAndMetricsNeedAnAdminKey() throws Exception {
        anonymous.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        anonymous.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        anonymous.get().uri("/actuator/info").exchange().expectStatus().isUnauthorized();
        byte[] created = client.post().uri("/api/v1/admin/clients").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"ops\",\"role\":\"operator\",\"communityId\":\"anguo\"}")
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        String operatorKey = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created).path("apiKey").asText();
        anonymous.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + operatorKey)
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void prometheusExposesGatewayMetrics() {
        client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics)
                        .contains("jvm_memory_used_bytes")
                        .contains("application=\"gateway\"")
                        .contains("resilience4j_circuitbreaker_state"));
    }

    @Test
    void infoNamesTheApplication() {
        client.get().uri("/actuator/info").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.app.name").isEqualTo("Lianfang gateway");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/env", "/actuator/gateway/routes", "/actuator/heapdump", "/actuator/configprops", "/actuator/loggers"})
    void otherEndpointsAreNotExposed(String path) {
        client.get().uri(path).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
