package org.lianfang.gateway.security;

import java.util.Set;
import org.lianfang.gateway.problem.ProblemResponses;
import org.lianfang.gateway.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Authenticates every {@code /api/**} request (and every actuator endpoint but the health probes,
 * which only admin keys may read) by its {@code Authorization: Bearer <api key>},
 * or — when configured — by a JWT of the identity provider ({@link JwtAuthenticator}), applies the client's rate limit, and hands the services who is calling: identity headers a
 * client sent itself are removed, the gateway's own are set, and — with an identity key — signed for
 * this one request ({@link IdentityCodec}). Answers 401 (no or unknown key), 429 (too fast, with
 * {@code Retry-After}) and 503 (client store unreachable) as problem details.
 */
public class AuthenticationFilter implements WebFilter, Ordered {

    /** After the correlation id and access log, before the body limit reads the body. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;
    /** Probes a load balancer or orchestrator calls without credentials; every other actuator endpoint needs an admin key. */
    static final Set<String> PUBLIC_OPERATIONS = Set.of(
            "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness");
    private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);

    private final Authenticator authenticator;
    private final JwtAuthenticator jwts;
    private final RateLimiter rateLimiter;
    private final IdentityHeaders identityHeaders;
    private final ProblemResponses responses;

    public AuthenticationFilter(Authenticator authenticator, RateLimiter rateLimiter, IdentityHeaders identityHeaders,
                                ProblemResponses responses) {
        this(authenticator, null, rateLimiter, identityHeaders, responses);
    }

    /** With {@code jwts} (may be null: JWTs off), a bearer token shaped like a JWT is checked as one. */
    public AuthenticationFilter(Authenticator authenticator, JwtAuthenticator jwts, RateLimiter rateLimiter,
                                IdentityHeaders identityHeaders, ProblemResponses responses) {
        this.authenticator = authenticator;
        this.jwts = jwts;
        this.rateLimiter = rateLimiter;
        this.identityHeaders = identityHeaders;
        this.responses = responses;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        boolean operations = path.startsWith("/actuator/") && !PUBLIC_OPERATIONS.contains(path);
        if (!path.startsWith("/api/") && !operations) {
            return chain.filter(exchange);
        }
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.length() > (jwts == null ? 512 : 8192)) {
            return unauthorized(exchange, "Send an API key as 'Authorization: Bearer <key>'.");
        }
        String key = authorization.substring(7).trim();
        boolean jwt = jwts != null && JwtAuthenticator.looksLikeJwt(key);
        return Mono.fromCallable(() -> new Lookup((jwt ? jwts.authenticate(key) : authenticator.authenticate(key))
                        .orElse(null), false))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(e -> {
                    log.warn("Credentials cannot be checked ({}): {}", jwt ? "JWKS" : "API client store", e.toString());
                    return Mono.just(new Lookup(null, true));
                })
                .flatMap(lookup -> {
                    if (lookup.storeDown()) {
                        return responses.write(exchange, Problems.of(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                                "Credentials cannot be checked right now; retry shortly."));
                    }
                    if (lookup.client() == null) {
                        return unauthorized(exchange, jwt ? "The token is not valid here (signature, issuer, audience, "
                                + "expiry or role claims)." : "The API key is unknown, expired or revoked.");
                    }
                    if (operations && !"admin".equals(lookup.client().role())) {
                        return responses.write(exchange, Problems.of(exchange, HttpStatus.FORBIDDEN,
                                "Operations endpoints are for admin clients."));
                    }
                    return admit(exchange, chain, lookup.client());
                });
    }

    private Mono<Void> admit(ServerWebExchange exchange, WebFilterChain chain, ApiClient client) {
        long retryAfter = rateLimiter.acquire(client);
        if (retryAfter > 0) {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
            ProblemDetail problem = Problems.of(exchange, HttpStatus.TOO_MANY_REQUESTS,
                    "Rate limit of this client exceeded; retry after " + retryAfter + " s.");
            return responses.write(exchange, problem, headers);
        }
        exchange.getAttributes().put(CallerAttributes.CLIENT, client);
        ServerHttpRequest request = exchange.getRequest();
        String requested = request.getHeaders().getFirst(IdentityHeaders.COMMUNITY);
        ServerHttpRequest.Builder forwarded = request.mutate().headers(h -> identityHeaders.apply(h, client,
                request.getMethod().name(), request.getURI().getRawPath(), requested));
        return chain.filter(exchange.mutate().request(forwarded.build()).build());
    }

    private Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"lianfang\"");
        return responses.write(exchange, Problems.of(exchange, HttpStatus.UNAUTHORIZED, detail), headers);
    }

    private record Lookup(ApiClient client, boolean storeDown) {
    }
}
