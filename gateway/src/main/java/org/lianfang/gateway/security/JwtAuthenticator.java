package org.lianfang.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a JWT of the configured identity provider into the same {@link ApiClient} an API key gives:
 * signature (keys from the provider's JWKS, cached), issuer, audience, expiry and the role and
 * jurisdiction claims are all checked; anything missing or wrong is "no client" (401). A JWKS that
 * cannot be fetched is an {@link IllegalStateException} (503), not a 401.
 */
public class JwtAuthenticator {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private final JwtSettings settings;
    private final DefaultJWTProcessor<SecurityContext> processor;

    public JwtAuthenticator(JwtSettings settings) {
        this.settings = settings;
        if (settings.audience() == null || settings.audience().isBlank()
                || settings.jwksUri() == null || settings.jwksUri().isBlank()) {
            throw new IllegalStateException("lianfang.gateway.security.jwt needs audience and jwks-uri with issuer");
        }
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(URI.create(settings.jwksUri()).toURL(),
                    new DefaultResourceRetriever(2000, 2000, 256 * 1024)).retrying(true).build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("lianfang.gateway.security.jwt.jwks-uri is not a URL", e);
        }
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.ES256), keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                Set.of(settings.audience()), new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                Set.of("sub", "exp", settings.roleClaim()), null);
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Whether {@code bearer} is shaped like a JWT (API keys never are). */
    public static boolean looksLikeJwt(String bearer) {
        return bearer.startsWith("eyJ") && bearer.chars().filter(c -> c == '.').count() == 2;
    }

    /** Blocking (may fetch the JWKS): call it off the event loop. */
    public Optional<ApiClient> authenticate(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (KeySourceException e) {
            throw new IllegalStateException("the identity provider's keys cannot be fetched", e);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return Optional.empty();
        }
        try {
            String role = claims.getStringClaim(settings.roleClaim());
            if (role == null || !AdminClientsController.ROLES.contains(role)) {
                return Optional.empty();
            }
            String community = claims.getStringClaim(settings.communityClaim());
            boolean wide = "county".equals(role) || "admin".equals(role);
            if (community == null) {
                if (!wide) {
                    return Optional.empty();
                }
                community = "*";
            } else if (!"*".equals(community) && !TOKEN.matcher(community).matches()) {
                return Optional.empty();
            }
            if ("*".equals(community) && !wide) {
                return Optional.empty();
            }
            List<String> compounds = claims.getStringListClaim(settings.compoundsClaim());
            if (compounds != null && compounds.stream().anyMatch(c -> c == null || !TOKEN.matcher(c).matches())) {
                return Optional.empty();
            }
            String subject = "jwt:" + claims.getSubject();
            if (!TOKEN.matcher(subject).matches()) {
                return Optional.empty();
            }
            return Optional.of(new ApiClient(subject, claims.getSubject(), role, community, compounds, null,
                    Instant.EPOCH, settings.issuer(), null));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
