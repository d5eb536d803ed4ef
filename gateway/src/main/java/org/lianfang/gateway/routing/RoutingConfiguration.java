package org.lianfang.gateway.routing;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The code half of routing; the routes themselves are in {@code application.yml}.
 * <p>
 * No route has a {@code Retry} filter: a write that may have reached a service is never sent twice
 * by the gateway; retrying is the client's decision, made safe by its Idempotency-Key. The resends
 * left are Reactor Netty's on a pooled connection found closed before the request's headers were
 * written, and {@link ConnectRetryGatewayFilterFactory} on a load-balanced route (checkpoint): a
 * connection that could not be made (no byte sent) goes to another instance, for any request.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = LoadBalancingConfiguration.class)
class RoutingConfiguration {

    @Bean
    ExcludePathRoutePredicateFactory excludePathRoutePredicateFactory() {
        return new ExcludePathRoutePredicateFactory();
    }

    @Bean
    ConnectRetryGatewayFilterFactory connectRetryGatewayFilterFactory() {
        return new ConnectRetryGatewayFilterFactory();
    }

    @Bean
    RouterFunction<ServerResponse> serviceFallbackRoutes() {
        return route(path(ServiceFallback.PATH_PREFIX + "{service}"), new ServiceFallback()::handle);
    }
}
