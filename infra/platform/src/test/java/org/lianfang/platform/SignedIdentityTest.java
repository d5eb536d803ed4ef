package org.lianfang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianfang.identity.IdentityCodec;
import org.lianfang.identity.SignedIdentity;
import org.lianfang.platform.testapp.PlatformTest;
import org.springframework.test.context.TestPropertySource;

/**
 * With an identity key the service believes only the gateway's signed identity: a request that
 * reaches it directly, or with a forged or replayed identity, is refused whatever headers it sends.
 */
@TestPropertySource(properties = "lianfang.security.identity-key=" + SignedIdentityTest.KEY)
class SignedIdentityTest extends PlatformTest {

    static final String KEY = "test-identity-key-0123456789abcdef0123456789";
    private final IdentityCodec gateway = new IdentityCodec(KEY, Clock.systemUTC());

    private String identity(String role, String community, String method, String path) {
        return gateway.sign(new SignedIdentity("client-1", role, community, List.of(), method, path,
                Instant.now().plusSeconds(30)));
    }

    @Test
    void aSignedIdentityIsTheCaller() {
        HttpResponse<String> response = http.get("/api/v1/guarded/anguo/c1",
                IdentityCodec.HEADER, identity("operator", "anguo", "GET", "/api/v1/guarded/anguo/c1"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("subject").asText()).isEqualTo("client-1");
    }

    @Test
    void unsignedHeadersAreIgnoredAndTheRequestIsRefused() {
        HttpResponse<String> response = http.get("/api/v1/guarded/anguo/c1",
                "X-Actor", "op-1", "X-Actor-Role", "admin", "X-Community-Id", "anguo");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("type").asText()).isEqualTo("https://lianfang.org/problems/unauthorized");
    }

    @Test
    void anIdentityIssuedForAnotherRequestIsRefused() {
        HttpResponse<String> response = http.get("/api/v1/guarded/anguo/c1",
                IdentityCodec.HEADER, identity("operator", "anguo", "GET", "/api/v1/guarded/other/c1"));
        assertThat(response.statusCode()).isEqualTo(401);
        HttpResponse<String> forged = http.get("/api/v1/guarded/anguo/c1", IdentityCodec.HEADER,
                new IdentityCodec(KEY + "-other", Clock.systemUTC()).sign(new SignedIdentity("x", "admin", "*",
                        List.of(), "GET", "/api/v1/guarded/anguo/c1", Instant.now().plusSeconds(30))));
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    @Test
    void aCountyWideCallerMayActForAllCommunities() {
        HttpResponse<String> response = http.get("/api/v1/guarded/other/c9", "X-Community-Id", "*",
                IdentityCodec.HEADER, identity("auditor", "*", "GET", "/api/v1/guarded/other/c9"));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void theSignedJurisdictionIsEnforcedAndHealthStaysOpen() {
        HttpResponse<String> other = http.get("/api/v1/guarded/other/c1",
                IdentityCodec.HEADER, identity("operator", "anguo", "GET", "/api/v1/guarded/other/c1"));
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
    }
}
