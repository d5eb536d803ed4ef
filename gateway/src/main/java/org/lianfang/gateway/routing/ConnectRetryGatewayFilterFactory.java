package org.lianfang.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * {@code ConnectRetry=<retries>} on a load-balanced route: when no connection to the chosen
 * instance could be made (refused, connect timeout, host unknown — a stopped Compose container
 * leaves DNS), the request goes to another instance. Any request, a keyless POST too: a connection
 * that was never made proves that no byte of the request was sent, so the service cannot have
 * acted. Anything after the connection (response timeout, reset, any HTTP answer) is never
 * retried, since the service may have acted. Each instance is tried at most once per request
 * ({@link SkipFailedInstances} hides the ones that failed from the load balancer), so a retry under
 * concurrent round robin cannot land on the dead instance again, and the route's breaker sees one
 * success instead of a failure while a healthy instance exists.
 */
public class ConnectRetryGatewayFilterFactory
        extends AbstractGatewayFilterFactory<ConnectRetryGatewayFilterFactory.Config> {

    /** Exchange attribute: the {@link SkipFailedInstances#key instances} that refused this request. */
    static final String FAILED_INSTANCES_ATTR = ConnectRetryGatewayFilterFactory.class.getName() + ".failed";

    public ConnectRetryGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("retries");
    }

    @Override
    public GatewayFilter apply(Config config) {
        return (exchange, chain) -> attempt(exchange, chain, config.getRetries());
    }

    private static Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, int retriesLeft) {
        return chain.filter(exchange).onErrorResume(
                error -> retriesLeft > 0 && connectFailure(error) && !exchange.getResponse().isCommitted(),
                error -> {
                    markFailed(exchange);
                    ServerWebExchangeUtils.reset(exchange);
                    return attempt(exchange, chain, retriesLeft - 1);
                });
    }

    /** True when the connection itself was never made: no request byte can have left the gateway. */
    static boolean connectFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // ConnectException covers Netty's refused (AnnotatedConnectException) and connect timeout
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static void markFailed(ServerWebExchange exchange) {
        Response<ServiceInstance> chosen = exchange.getAttribute(GATEWAY_LOADBALANCER_RESPONSE_ATTR);
        if (chosen == null || !chosen.hasServer()) {
            return;
        }
        Set<String> failed = exchange.getAttribute(FAILED_INSTANCES_ATTR);
        if (failed == null) {
            failed = new HashSet<>();
            exchange.getAttributes().put(FAILED_INSTANCES_ATTR, failed);
        }
        failed.add(SkipFailedInstances.key(chosen.getServer()));
    }

    /** @param retries how many other instances a request whose connection failed may try */
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
