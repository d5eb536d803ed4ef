package org.lianfang.gateway.routing;

import java.net.ConnectException;
import java.util.List;
import java.util.Set;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * {@code ConnectRetry=<retries>} on a load-balanced route: when the chosen instance refuses the
 * connection (stopped, restarting), the request is sent to the next instance — but only a request
 * that may be repeated: GET, HEAD, OPTIONS, PUT, DELETE, or a write carrying an
 * {@code Idempotency-Key} (the service answers its repeat with the first answer). Nothing else is
 * retried: a keyless POST that fails gets the route's 503 and the client decides. Only connection
 * failures count; a timeout or any HTTP answer is never retried, since the service may have acted.
 */
public class ConnectRetryGatewayFilterFactory
        extends AbstractGatewayFilterFactory<ConnectRetryGatewayFilterFactory.Config> {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Set<HttpMethod> REPEATABLE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE);

    public ConnectRetryGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("retries");
    }

    @Override
    public GatewayFilter apply(Config config) {
        RetryGatewayFilterFactory.RetryConfig retry = new RetryGatewayFilterFactory.RetryConfig()
                .setRetries(config.getRetries())
                .allMethods()
                .setSeries()
                .setStatuses()
                .setExceptions(ConnectException.class);
        GatewayFilter retrying = new RetryGatewayFilterFactory().apply(retry);
        return (exchange, chain) -> repeatable(exchange.getRequest())
                ? retrying.filter(exchange, chain)
                : chain.filter(exchange);
    }

    static boolean repeatable(ServerHttpRequest request) {
        if (REPEATABLE.contains(request.getMethod())) {
            return true;
        }
        String key = request.getHeaders().getFirst(IDEMPOTENCY_KEY);
        return key != null && !key.isBlank();
    }

    /** @param retries how many other attempts a refused connection may lead to (one per further instance) */
    public static class Config {
        private int retries = 1;

        public int getRetries() {
            return retries;
        }

        public void setRetries(int retries) {
            this.retries = retries;
        }
    }
}
