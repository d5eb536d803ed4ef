package org.lianfang.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.devstore.DevStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The registry is down: nothing listens on its port. Its own context, so its breaker trips alone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class ServiceDownTest {

    static final DevStore STORE = DevStore.memory();

    @Autowired
    WebTestClient anonymous;

    WebTestClient client;

    @BeforeEach
    void authenticate() {
        client = anonymous.mutate().defaultHeader("Authorization", "Bearer " + GatewayIntegrationTest.ADMIN_KEY).build();
    }

    @DynamicPropertySource
    static void registryIsDown(DynamicPropertyRegistry registry) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        registry.add("LIANFANG_REGISTRY_URL", () -> "http://127.0.0.1:" + closedPort);
        registry.add("LIANFANG_MONGODB_URI", STORE::uri);
        registry.add("LIANFANG_ADMIN_API_KEY", () -> GatewayIntegrationTest.ADMIN_KEY);
    }

    @Test
    void aServiceThatIsDownAnswers503ProblemDetailsNamingTheService() {
        client.get().uri("/api/v1/persons/p-1?name=secret").header("X-Correlation-Id", "corr-down").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("X-Correlation-Id", "corr-down")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://lianfang.org/problems/service-unavailable")
                .jsonPath("$.title").isEqualTo("Service Unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("registry"))
                .jsonPath("$.instance").isEqualTo("/api/v1/persons/p-1")
                .jsonPath("$.correlationId").isEqualTo("corr-down");
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAndThenAnswersWithoutCallingTheService() {
        for (int i = 0; i < 12; i++) {
            client.get().uri("/api/v1/households/h-" + i).exchange().expectStatus().isEqualTo(503);
        }

        String metrics = client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"registry\"[^}]*state=\"open\"[^}]*} 1\\.0");

        client.get().uri("/api/v1/households/h-next").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("registry", "recent calls failed"));
    }
}
