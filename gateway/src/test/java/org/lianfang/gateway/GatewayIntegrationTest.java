package org.lianfang.gateway;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway on a random port in front of the four {@link Downstreams}. All subclasses share one
 * context. The volunteer route gets a short response timeout so that a slow service can be shown
 * without slowing the suite; the other routes keep the default.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
abstract class GatewayIntegrationTest {

    static final String VOLUNTEER_RESPONSE_TIMEOUT_MS = "1500";

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        registry.add("LIANFANG_REGISTRY_URL", Downstreams.REGISTRY::baseUrl);
        registry.add("LIANFANG_QUARANTINE_URL", Downstreams.QUARANTINE::baseUrl);
        registry.add("LIANFANG_CHECKPOINT_URL", Downstreams.CHECKPOINT::baseUrl);
        registry.add("LIANFANG_VOLUNTEER_URL", Downstreams.VOLUNTEER::baseUrl);
        registry.add("LIANFANG_VOLUNTEER_RESPONSE_TIMEOUT_MS", () -> VOLUNTEER_RESPONSE_TIMEOUT_MS);
    }

    @BeforeEach
    void resetDownstreams() {
        Downstreams.resetAll();
    }
}
