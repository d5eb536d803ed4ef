package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.identity.IdentityCodec;
import org.lianfang.identity.SignedIdentity;
import org.springframework.http.HttpHeaders;

/**
 * Optional JWTs: signed by a key of the provider's JWKS (WireMock), issuer and audience checked,
 * claims mapped to role and jurisdiction — the same signed identity an API key gives.
 */
class JwtTest extends GatewayIntegrationTest {

    static final RSAKey KEY = generate("idp-key-1");
    static final RSAKey STRANGER = generate("idp-key-1");

    static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void jwks() {
        Downstreams.VOLUNTEER.stubFor(get(urlPathEqualTo("/idp/jwks.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(KEY.toPublicJWK()).toString())));
        Downstreams.REGISTRY.stubFor(any(urlPathMatching("/api/v1/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));
    }

    static String token(RSAKey key, Consumer<JWTClaimsSet.Builder> changes) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(JWT_ISSUER).audience(List.of("lianfang", "other-app")).subject("zhang.wei")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).issueTime(new Date())
                .claim("lianfang_role", "operator").claim("lianfang_community", "anguo")
                .claim("lianfang_compounds", List.of("c-1", "c-2"));
        changes.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private int status(String token) {
        return anonymous.get().uri("/api/v1/persons/p-1").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().returnResult(String.class).getStatus().value();
    }

    @Test
    void aValidTokensClaimsBecomeTheSignedIdentityTheServiceSees() throws Exception {
        anonymous.get().uri("/api/v1/persons/p-1").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(KEY, c -> { }))
                .header("X-Community-Id", "elsewhere").exchange().expectStatus().isOk();

        LoggedRequest forwarded = Downstreams.REGISTRY.getAllServeEvents().get(0).getRequest();
        assertThat(forwarded.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
        assertThat(forwarded.getHeader("X-Community-Id")).isEqualTo("anguo");
        SignedIdentity identity = new IdentityCodec(IDENTITY_KEY, Clock.systemUTC())
                .verify(forwarded.getHeader(IdentityCodec.HEADER), "GET", "/api/v1/persons/p-1").orElseThrow();
        assertThat(identity.subject()).isEqualTo("jwt:zhang.wei");
        assertThat(identity.role()).isEqualTo("operator");
        assertThat(identity.communityId()).isEqualTo("anguo");
        assertThat(identity.compounds()).containsExactlyInAnyOrder("c-1", "c-2");
    }

    @Test
    void aCountyTokenWithoutACommunityCoversTheCounty() throws Exception {
        String county = token(KEY, c -> c.claim("lianfang_role", "county").claim("lianfang_community", null)
                .claim("lianfang_compounds", null));
        assertThat(status(county)).isEqualTo(200);
        // A county read of a person is recorded too (a POST to the registry): take the GET itself.
        LoggedRequest read = Downstreams.REGISTRY.findAll(getRequestedFor(urlPathEqualTo("/api/v1/persons/p-1"))).get(0);
        SignedIdentity identity = new IdentityCodec(IDENTITY_KEY, Clock.systemUTC()).verify(
                read.getHeader(IdentityCodec.HEADER), "GET", "/api/v1/persons/p-1").orElseThrow();
        assertThat(identity.role()).isEqualTo("county");
        assertThat(identity.communityId()).isEqualTo("*");
    }

    @Test
    void aTokenOfAnotherKeyIssuerOrAudienceExpiredOrWithoutUsableClaimsIs401AndReachesNoService() throws Exception {
        assertThat(status(token(STRANGER, c -> { }))).as("another key, same kid").isEqualTo(401);
        assertThat(status(token(KEY, c -> c.issuer("https://evil.example.test/")))).as("issuer").isEqualTo(401);
        assertThat(status(token(KEY, c -> c.audience("other-app")))).as("audience").isEqualTo(401);
        assertThat(status(token(KEY, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(600))))))
                .as("expired").isEqualTo(401);
        assertThat(status(token(KEY, c -> c.claim("lianfang_role", null)))).as("no role").isEqualTo(401);
        assertThat(status(token(KEY, c -> c.claim("lianfang_role", "superuser")))).as("unknown role").isEqualTo(401);
        assertThat(status(token(KEY, c -> c.claim("lianfang_community", null)))).as("operator without community")
                .isEqualTo(401);
        assertThat(status(token(KEY, c -> c.claim("lianfang_community", "*")))).as("county-wide operator")
                .isEqualTo(401);
        String valid = token(KEY, c -> { });
        String[] parts = valid.split("\\.");
        assertThat(status(parts[0] + "." + parts[1] + ".AAAA")).as("bad signature").isEqualTo(401);
        assertThat(Downstreams.REGISTRY.getAllServeEvents()).isEmpty();
    }

    @Test
    void anUnreachableJwksIs503NotA401() throws Exception {
        String fresh = token(generate("idp-key-rotated"), c -> { });
        Downstreams.VOLUNTEER.resetAll();
        Downstreams.VOLUNTEER.stubFor(get(urlPathEqualTo("/idp/jwks.json")).willReturn(aResponse().withStatus(500)));
        anonymous.get().uri("/api/v1/persons/p-1").header(HttpHeaders.AUTHORIZATION, "Bearer " + fresh)
                .exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.type").isEqualTo("https://lianfang.org/problems/service-unavailable");
        assertThat(Downstreams.REGISTRY.getAllServeEvents()).isEmpty();
    }
}
