package org.lianfang.gateway.routing;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Instance lists of every {@code lb://} route (Spring Cloud LoadBalancer child contexts, registered
 * by {@link RoutingConfiguration}; deliberately not a {@code @Configuration} found by scanning):
 * the static discovery list, minus the instances the request already failed to connect to.
 */
class LoadBalancingConfiguration {

    @Bean
    ServiceInstanceListSupplier skipFailedInstancesSupplier(ConfigurableApplicationContext context) {
        return new SkipFailedInstances(ServiceInstanceListSupplier.builder().withDiscoveryClient().build(context));
    }
}
