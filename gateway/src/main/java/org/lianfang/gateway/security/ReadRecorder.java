package org.lianfang.gateway.security;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lianfang.gateway.correlation.CorrelationId;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Records that a caller read a person's data: registry-service
 * {@code POST /api/v1/internal/persons/{personId}/reads} with {@code {what, reason, correlationId}},
 * signed with the caller's own identity (the registry takes the reader from it). Completes empty
 * once the registry answered 2xx, with an error otherwise (refused, unreachable, too slow).
 */
public class ReadRecorder {

    /** Stated for an auditor's or county read that gave no {@code reason}. */
    public static final String NO_REASON = "none stated";

    private final WebClient web;
    private final String registry;
    private final IdentityHeaders identityHeaders;
    private final Duration timeout;

    public ReadRecorder(String registryBaseUrl, IdentityHeaders identityHeaders, Duration timeout) {
        this.web = WebClient.builder().build();
        this.registry = registryBaseUrl;
        this.identityHeaders = identityHeaders;
        this.timeout = timeout;
    }

    /** Why a read could not be recorded. */
    public static class NotRecorded extends RuntimeException {
        NotRecorded(String detail) {
            super(detail);
        }
    }

    public Mono<Void> record(ServerWebExchange exchange, ApiClient caller, String personId, String what, String reason) {
        if (registry == null || registry.isBlank()) {
            return Mono.error(new NotRecorded("no registry configured"));
        }
        URI target = UriComponentsBuilder.fromUriString(registry)
                .path("/api/v1/internal/persons/{personId}/reads").encode().buildAndExpand(personId).toUri();
        String correlationId = CorrelationId.of(exchange).orElse(null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("what", what);
        body.put("reason", reason == null || reason.isBlank() ? NO_REASON : reason);
        body.put("correlationId", correlationId);
        String requestedCommunity = exchange.getRequest().getHeaders().getFirst(IdentityHeaders.COMMUNITY);
        return web.post().uri(target)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    identityHeaders.apply(h, caller, "POST", target.getRawPath(), requestedCommunity);
                    if (correlationId != null) {
                        h.set(CorrelationId.HEADER, correlationId);
                    }
                })
                .bodyValue(body)
                .exchangeToMono(response -> response.releaseBody().then(response.statusCode().is2xxSuccessful()
                        ? Mono.<Void>empty()
                        : Mono.error(new NotRecorded("the registry answered " + response.statusCode().value()))))
                .timeout(timeout)
                .onErrorMap(e -> !(e instanceof NotRecorded), e -> new NotRecorded(e.toString()));
    }
}
