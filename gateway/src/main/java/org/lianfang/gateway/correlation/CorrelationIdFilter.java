package org.lianfang.gateway.correlation;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Settles the correlation id before anything else runs, so that every later filter (security,
 * access log, error handling) and every downstream service sees the same one. The response carries
 * it back exactly once, even when the downstream service echoes it too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationIdFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = CorrelationId.acceptOrGenerate(exchange.getRequest().getHeaders().get(CorrelationId.HEADER));
        exchange.getAttributes().put(CorrelationId.ATTRIBUTE, id);
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(CorrelationId.HEADER, id);
            return Mono.empty();
        });
        ServerWebExchange withId = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(CorrelationId.HEADER, id)))
                .build();
        return chain.filter(withId);
    }
}
