package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.devstore.DevStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A route's breaker seen from outside, through the gateway's own {@code /actuator/prometheus}: the
 * volunteer service is down (nothing listens on its port), the breaker opens and the scrape says
 * so; the service comes back on the same port, the breaker's half-open probes succeed, it closes
 * and the scrape says that too. Its own context with a short open period, so that its breaker is
 * its own and recovery takes 5 s, not the production 10 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class BreakerMetricsTest {

    static final DevStore STORE = DevStore.memory();
    static final int VOLUNTEER_PORT = freePort();

    @Autowired
    WebTestClient anonymous;

    WebTestClient client;
    WireMockServer volunteer;

    @DynamicPropertySource
    static void volunteerIsDown(DynamicPropertyRegistry registry) {
        registry.add("LIANFANG_VOLUNTEER_URL", () -> "http://127.0.0.1:" + VOLUNTEER_PORT);
        registry.add("LIANFANG_BREAKER_OPEN_FOR", () -> "5s");
        registry.add("LIANFANG_MONGODB_URI", STORE::uri);
        registry.add("LIANFANG_ADMIN_API_KEY", () -> GatewayIntegrationTest.ADMIN_KEY);
    }

    @BeforeEach
    void authenticate() {
        client = anonymous.mutate().defaultHeader("Authorization", "Bearer " + GatewayIntegrationTest.ADMIN_KEY).build();
    }

    @AfterEach
    void stopVolunteer() {
        if (volunteer != null) {
            volunteer.stop();
        }
    }

    @Test
    void theScrapeShowsTheVolunteerBreakerOpenWhileTheServiceIsDownAndClosedOnceItIsBack() {
        for (int i = 0; i < 12; i++) {
            client.get().uri("/api/v1/shifts/s-" + i).exchange().expectStatus().isEqualTo(503);
        }

        // at once, inside the open period; the scrapes below do not move the breaker, only calls do
        client.get().uri("/api/v1/shifts/s-open").exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("volunteer",
                        "recent calls failed"));

        assertThat(state("open")).isEqualTo(1.0);
        assertThat(state("closed")).isEqualTo(0.0);
        assertThat(metric("resilience4j_circuitbreaker_failure_rate", "")).isGreaterThanOrEqualTo(50.0);
        assertThat(metric("resilience4j_circuitbreaker_not_permitted_calls_total", "kind=\"not_permitted\""))
                .as("calls refused by the open breaker without reaching the service").isGreaterThanOrEqualTo(1.0);

        volunteer = new WireMockServer(options().bindAddress("127.0.0.1").port(VOLUNTEER_PORT));
        volunteer.start();
        volunteer.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"s-1\"}")));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            client.get().uri("/api/v1/shifts/s-1").exchange();
            assertThat(state("closed")).isEqualTo(1.0);
        });

        assertThat(state("open")).isEqualTo(0.0);
        assertThat(state("half_open")).isEqualTo(0.0);
        assertThat(volunteer.findAll(anyRequestedFor(anyUrl()))).as("the half-open probes reached the service")
                .hasSizeGreaterThanOrEqualTo(3);
        client.get().uri("/api/v1/shifts/s-1").exchange().expectStatus().isOk();
    }

    private double state(String state) {
        return metric("resilience4j_circuitbreaker_state", "state=\"" + state + "\"");
    }

    /** The value of the volunteer breaker's sample of {@code name} whose labels include {@code label}; fails if absent. */
    private double metric(String name, String label) {
        String scrape = client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)$").matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains("name=\"volunteer\"") && m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no " + name + " with name=\"volunteer\" and " + label + " in the scrape");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
