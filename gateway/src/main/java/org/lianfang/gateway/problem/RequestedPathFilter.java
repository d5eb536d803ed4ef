package org.lianfang.gateway.problem;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Remembers the path the client asked for (without its query) as the problem {@code instance}: a
 * circuit-breaker fallback answers from a forwarded exchange whose own path is internal.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestedPathFilter implements WebFilter {

    static final String ATTRIBUTE = RequestedPathFilter.class.getName();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getAttributes().put(ATTRIBUTE, exchange.getRequest().getPath().value());
        return chain.filter(exchange);
    }
}
