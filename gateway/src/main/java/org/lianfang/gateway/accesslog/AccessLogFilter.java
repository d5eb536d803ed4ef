package org.lianfang.gateway.accesslog;

import java.util.concurrent.TimeUnit;

import org.lianfang.gateway.correlation.CorrelationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * One structured line per request under the logger {@code org.lianfang.gateway.access}. It logs the
 * path without its query string and no headers at all: queries and {@code Authorization} may carry
 * personal data or secrets, and an access log is kept longer and read by more people than the data.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AccessLogFilter implements WebFilter {

    private static final Logger ACCESS = LoggerFactory.getLogger("org.lianfang.gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!ACCESS.isInfoEnabled()) {
            return chain.filter(exchange);
        }
        long started = System.nanoTime();
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().value();
        return chain.filter(exchange).doFinally(signal -> log(exchange, method, path, started));
    }

    private static void log(ServerWebExchange exchange, String method, String path, long started) {
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        int statusValue = status == null ? 0 : status.value();
        String correlationId = CorrelationId.of(exchange).orElse("-");
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String routeId = route == null ? "-" : route.getId();
        ACCESS.atInfo()
                .addKeyValue("method", method)
                .addKeyValue("path", path)
                .addKeyValue("status", statusValue)
                .addKeyValue("durationMs", durationMs)
                .addKeyValue("correlationId", correlationId)
                .addKeyValue("routeId", routeId)
                .log("{} {} {} {}ms route={} correlationId={}", method, path, statusValue, durationMs, routeId, correlationId);
    }
}
