package org.lianfang.gateway.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Optional JWTs from an external identity provider ({@code lianfang.gateway.security.jwt.*}): off
 * unless {@code issuer} is set. A token must be signed by a key of {@code jwksUri} (RS256/ES256),
 * name {@code issuer} as {@code iss} and {@code audience} among its {@code aud}, and carry the role,
 * community and (optionally) compounds claims.
 */
@ConfigurationProperties("lianfang.gateway.security.jwt")
public record JwtSettings(String issuer,
                          String audience,
                          String jwksUri,
                          @DefaultValue("lianfang_role") String roleClaim,
                          @DefaultValue("lianfang_community") String communityClaim,
                          @DefaultValue("lianfang_compounds") String compoundsClaim,
                          @DefaultValue("60s") Duration clockSkew) {

    public boolean enabled() {
        return issuer != null && !issuer.isBlank();
    }
}
