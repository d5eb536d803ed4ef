package org.lianfang.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.lianfang.gateway.GatewayProperties;
import org.lianfang.gateway.correlation.CorrelationId;
import org.lianfang.gateway.security.ApiClient;
import org.lianfang.gateway.security.IdentityHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The gateway's own calls to the services, under the caller's identity (signed for each call),
 * with the compose timeout. A failure is an answer too ({@link Answer#failed}): composed views say
 * which part is missing instead of failing or pretending to be complete.
 */
@Component
public class ServiceCalls {

    /**
     * A GET is safe to repeat: at most twice, when the connection failed before an answer (typically a pooled
     * connection the service had already closed), so one stale connection does not make a part missing.
     */
    static final reactor.util.retry.Retry STALE_CONNECTION = reactor.util.retry.Retry.backoff(2, Duration.ofMillis(50))
            .filter(e -> e instanceof org.springframework.web.reactive.function.client.WebClientRequestException
                    || e instanceof java.io.IOException);

    private final WebClient web;
    private final Map<String, String> services;
    private final Duration timeout;
    private final IdentityHeaders identityHeaders;

    public ServiceCalls(GatewayProperties properties, IdentityHeaders identityHeaders) {
        // A plain builder: Boot's instrumented one registers http.client.requests with other tag keys
        // than Spring Cloud Gateway's meter of the same name, which Prometheus refuses.
        // Idle connections are dropped before a service's server would close them under our feet.
        reactor.netty.resources.ConnectionProvider pool = reactor.netty.resources.ConnectionProvider.builder("compose")
                .maxConnections(64).maxIdleTime(Duration.ofSeconds(2)).evictInBackground(Duration.ofSeconds(5)).build();
        this.web = WebClient.builder()
                .clientConnector(new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                        reactor.netty.http.client.HttpClient.create(pool)))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(32 * 1024 * 1024)).build();
        this.services = Map.copyOf(properties.services());
        this.timeout = properties.composeTimeout();
        this.identityHeaders = identityHeaders;
    }

    public Iterable<String> serviceNames() {
        return services.keySet().stream().sorted().toList();
    }

    /** A service's JSON answer, or why there is none. */
    public record Answer(String service, JsonNode body, int status, String failure) {
        public boolean failed() {
            return failure != null;
        }
    }

    /** GET {@code path?query} on {@code service} as the exchange's caller. */
    public Mono<Answer> get(String service, String path, Map<String, String> query, ServerWebExchange exchange,
                            ApiClient caller) {
        return get(service, path, query, caller, exchange.getRequest().getHeaders().getFirst("X-Community-Id"),
                CorrelationId.of(exchange).orElse(null));
    }

    /** GET {@code path?query} on {@code service} as {@code caller}, outside any request (e.g. the anchorer). */
    public Mono<Answer> get(String service, String path, Map<String, String> query, ApiClient caller,
                            String requestedCommunity, String correlationId) {
        String base = services.get(service);
        if (base == null) {
            return Mono.just(new Answer(service, null, 0, "not configured"));
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(base).path(path);
        query.forEach((k, v) -> {
            if (v != null) {
                uri.queryParam(k, "{" + k + "}");
            }
        });
        URI target = uri.encode().buildAndExpand(query).toUri();
        return web.get().uri(target)
                .accept(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    identityHeaders.apply(h, caller, "GET", target.getRawPath(), requestedCommunity);
                    if (correlationId != null) {
                        h.set(CorrelationId.HEADER, correlationId);
                    }
                })
                .exchangeToMono(response -> answer(service, response))
                .retryWhen(STALE_CONNECTION)
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(new Answer(service, null, 0, describe(e))));
    }

    /** GET {@code path} on {@code service} without any identity (its public documents). */
    public Mono<Answer> getPublic(String service, String path) {
        String base = services.get(service);
        if (base == null) {
            return Mono.just(new Answer(service, null, 0, "not configured"));
        }
        return web.get().uri(URI.create(base + path)).accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> answer(service, response))
                .retryWhen(STALE_CONNECTION)
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(new Answer(service, null, 0, describe(e))));
    }

    /** A 2xx answer's JSON; any other answer by its status, whatever its body is (HTML, text, problem). */
    private static Mono<Answer> answer(String service, org.springframework.web.reactive.function.client.ClientResponse response) {
        int status = response.statusCode().value();
        if (!response.statusCode().is2xxSuccessful()) {
            return response.releaseBody().thenReturn(new Answer(service, null, status, "answered " + status));
        }
        return response.bodyToMono(JsonNode.class)
                .defaultIfEmpty(com.fasterxml.jackson.databind.node.NullNode.getInstance())
                .map(body -> new Answer(service, body, status, null));
    }

    private String describe(Throwable e) {
        if (e instanceof java.util.concurrent.TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        return "unreachable";
    }
}
