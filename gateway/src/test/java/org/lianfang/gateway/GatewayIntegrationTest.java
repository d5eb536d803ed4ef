package org.lianfang.gateway;

import org.junit.jupiter.api.BeforeEach;
import org.lianfang.devstore.DevStore;
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
    /** The bootstrap admin key: every request of these tests is authenticated unless a test says otherwise. */
    static final String ADMIN_KEY = "lf_test-bootstrap-admin-key-0123456789";
    static final String IDENTITY_KEY = "test-identity-key-0123456789abcdef0123456789";
    static final DevStore STORE = DevStore.memory();
    static final String JWT_ISSUER = "https://idp.example.test/realms/lianfang";

    @Autowired
    WebTestClient anonymous;

    WebTestClient client;

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        registry.add("LIANFANG_REGISTRY_URL", Downstreams.REGISTRY::baseUrl);
        registry.add("LIANFANG_QUARANTINE_URL", Downstreams.QUARANTINE::baseUrl);
        registry.add("LIANFANG_CHECKPOINT_URL", Downstreams.CHECKPOINT::baseUrl);
        registry.add("LIANFANG_VOLUNTEER_URL", Downstreams.VOLUNTEER::baseUrl);
        registry.add("LIANFANG_VOLUNTEER_RESPONSE_TIMEOUT_MS", () -> VOLUNTEER_RESPONSE_TIMEOUT_MS);
        registry.add("LIANFANG_MONGODB_URI", STORE::uri);
        registry.add("LIANFANG_ADMIN_API_KEY", () -> ADMIN_KEY);
        registry.add("LIANFANG_IDENTITY_KEY", () -> IDENTITY_KEY);
        registry.add("LIANFANG_GATEWAY_KEY_CACHE_TTL", () -> "1s");
        registry.add("lianfang.gateway.anchors.url", () -> Downstreams.QUARANTINE.baseUrl() + AnchorTest.NOTARY);
        registry.add("lianfang.gateway.anchors.interval", () -> "0s");
        // WireMock answers at once; a loaded build machine must not make a composed view partial
        registry.add("LIANFANG_GATEWAY_COMPOSE_TIMEOUT", () -> "30s");
        // the county stream's policy (StreamTest): origin is allowed beyond ids, colours and dates
        registry.add("lianfang.gateway.streams.county-fields", () -> "origin");
        registry.add("lianfang.gateway.security.rate-limits.auditor.per-second", () -> "0.2");
        registry.add("lianfang.gateway.security.rate-limits.auditor.burst", () -> "3");
        // JWTs on (JwtTest): the identity provider's JWKS is served by the WireMock playing the volunteer service.
        registry.add("lianfang.gateway.security.jwt.issuer", () -> JWT_ISSUER);
        registry.add("lianfang.gateway.security.jwt.audience", () -> "lianfang");
        registry.add("lianfang.gateway.security.jwt.jwks-uri", () -> Downstreams.VOLUNTEER.baseUrl() + "/idp/jwks.json");
    }

    @BeforeEach
    void resetDownstreams() {
        Downstreams.resetAll();
        // the first request to a cold context on a loaded build machine may take longer than the default 5 s
        anonymous = anonymous.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
        client = anonymous.mutate().defaultHeader("Authorization", "Bearer " + ADMIN_KEY).build();
    }
}
