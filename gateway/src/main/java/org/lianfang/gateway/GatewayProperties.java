package org.lianfang.gateway;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Gateway settings that are ours rather than Spring Cloud Gateway's. Timeouts are not here: they are
 * route metadata in {@code application.yml}, so each route can carry its own.
 *
 * @param maxRequestBody the largest request body accepted; larger ones are refused with 413 before
 *     any service sees them
 * @param security       who may call, and how fast
 * @param services       base URL of each service, for the views the gateway composes itself
 * @param composeTimeout how long a composed view waits for each service before answering without it
 */
@ConfigurationProperties("lianfang.gateway")
public record GatewayProperties(@DefaultValue("1MB") DataSize maxRequestBody,
                                @DefaultValue Security security,
                                @DefaultValue Map<String, String> services,
                                @DefaultValue("5s") Duration composeTimeout) {

    /**
     * @param mongodbUri   where API clients are stored (database {@code lianfang_gateway})
     * @param identityKey  secret shared with the services, to sign the caller's identity
     *                     ({@code LIANFANG_IDENTITY_KEY}); without it services must trust headers
     * @param adminApiKey  a bootstrap admin key from configuration ({@code LIANFANG_ADMIN_API_KEY}),
     *                     to create the first clients; never stored
     * @param keyCacheTtl  how long a key look-up is cached: a revoked key stops working within this
     * @param identityTtl  how long a signed identity is valid (one request, plus clock skew)
     * @param rateLimits   per role: sustained requests per second and burst
     */
    public record Security(
            @DefaultValue("mongodb://127.0.0.1:27017") String mongodbUri,
            String identityKey,
            String adminApiKey,
            @DefaultValue("5s") Duration keyCacheTtl,
            @DefaultValue("30s") Duration identityTtl,
            @DefaultValue Map<String, RateLimit> rateLimits) {
    }

    /** @param perSecond tokens added per second; @param burst bucket size */
    public record RateLimit(double perSecond, int burst) {
    }
}
