package org.lianfang.gateway.routing;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The code half of routing; the routes themselves are in {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    ExcludePathRoutePredicateFactory excludePathRoutePredicateFactory() {
        return new ExcludePathRoutePredicateFactory();
    }

    @Bean
    RouterFunction<ServerResponse> serviceFallbackRoutes() {
        return route(path(ServiceFallback.PATH_PREFIX + "{service}"), new ServiceFallback()::handle);
    }

    /**
     * Reactor Netty by default resends a request once when a pooled connection turns out to be
     * closed. For a POST that may already have reached the service, that could apply a write twice;
     * retrying is the client's decision (with its Idempotency-Key), never the gateway's.
     */
    @Bean
    HttpClientCustomizer noAutomaticRetry() {
        return httpClient -> httpClient.disableRetry(true);
    }
}
