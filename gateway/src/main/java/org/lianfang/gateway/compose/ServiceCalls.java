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

    private final WebClient web;
    private final Map<String, String> services;
    private final Duration timeout;
    private final IdentityHeaders identityHeaders;

    public ServiceCalls(GatewayProperties properties, IdentityHeaders identityHeaders) {
        // A plain builder: Boot's instrumented one registers http.client.requests with other tag keys
        // than Spring Cloud Gateway's meter of the same name, which Prometheus refuses.
        this.web = WebClient.builder().codecs(c -> c.defaultCodecs().maxInMemorySize(32 * 1024 * 1024)).build();
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
        String requestedCommunity = exchange.getRequest().getHeaders().getFirst("X-Community-Id");
        return web.get().uri(target)
                .accept(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    identityHeaders.apply(h, caller, "GET", target.getRawPath(), requestedCommunity);
                    CorrelationId.of(exchange).ifPresent(id -> h.set(CorrelationId.HEADER, id));
                })
                .exchangeToMono(response -> response.bodyToMono(JsonNode.class)
                        .defaultIfEmpty(com.fasterxml.jackson.databind.node.NullNode.getInstance())
                        .map(body -> response.statusCode().is2xxSuccessful()
                                ? new Answer(service, body, response.statusCode().value(), null)
                                : new Answer(service, body, response.statusCode().value(),
                                        "answered " + response.statusCode().value())))
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
                .exchangeToMono(response -> response.bodyToMono(JsonNode.class)
                        .defaultIfEmpty(com.fasterxml.jackson.databind.node.NullNode.getInstance())
                        .map(body -> response.statusCode().is2xxSuccessful()
                                ? new Answer(service, body, response.statusCode().value(), null)
                                : new Answer(service, body, response.statusCode().value(),
                                        "answered " + response.statusCode().value())))
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(new Answer(service, null, 0, describe(e))));
    }

    private String describe(Throwable e) {
        if (e instanceof java.util.concurrent.TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        return "unreachable";
    }
}
