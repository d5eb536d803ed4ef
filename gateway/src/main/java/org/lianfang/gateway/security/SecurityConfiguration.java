package org.lianfang.gateway.security;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.lianfang.gateway.GatewayProperties;
import org.lianfang.gateway.problem.ProblemResponses;
import org.lianfang.identity.IdentityCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** API keys, rate limits, signed identities (see {@link AuthenticationFilter}) and recorded reads ({@link RecordedReadsFilter}). */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean(destroyMethod = "close")
    MongoClient gatewayMongoClient(GatewayProperties properties) {
        // Short timeouts: a request waits for its credentials check, so a dead store must fail fast (503).
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(properties.security().mongodbUri()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(3, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS))
                .build());
    }

    @Bean
    ApiClientStore apiClientStore(MongoClient gatewayMongoClient) {
        return new ApiClientStore(gatewayMongoClient, Clock.systemUTC());
    }

    @Bean
    Authenticator authenticator(ApiClientStore store, GatewayProperties properties) {
        return new Authenticator(store, properties.security().adminApiKey(), properties.security().keyCacheTtl());
    }

    @Bean
    IdentityHeaders identityHeaders(GatewayProperties properties) {
        GatewayProperties.Security security = properties.security();
        IdentityCodec identities = null;
        if (security.identityKey() != null && !security.identityKey().isBlank()) {
            identities = new IdentityCodec(security.identityKey(), Clock.systemUTC());
        } else {
            log.warn("LIANFANG_IDENTITY_KEY is not set: identities reach the services unsigned, so the services "
                    + "must not be reachable except through this gateway. Development only.");
        }
        return new IdentityHeaders(identities, security.identityTtl(), Clock.systemUTC());
    }

    @Bean
    ReadRecorder readRecorder(GatewayProperties properties, IdentityHeaders identityHeaders) {
        return new ReadRecorder(properties.services().get("registry"), identityHeaders, properties.composeTimeout());
    }

    @Bean
    RecordedReadsFilter recordedReadsFilter(ReadRecorder readRecorder, ProblemResponses responses) {
        return new RecordedReadsFilter(readRecorder, responses);
    }

    @Bean
    AuthenticationFilter authenticationFilter(Authenticator authenticator, GatewayProperties properties,
                                              JwtSettings jwtSettings, IdentityHeaders identityHeaders,
                                              ProblemResponses responses) {
        JwtAuthenticator jwts = jwtSettings.enabled() ? new JwtAuthenticator(jwtSettings) : null;
        if (jwts != null) {
            log.info("JWTs of issuer {} (audience {}) are accepted besides API keys", jwtSettings.issuer(),
                    jwtSettings.audience());
        }
        return new AuthenticationFilter(authenticator, jwts, new RateLimiter(properties.security().rateLimits()),
                identityHeaders, responses);
    }
}
