package org.lianfang.gateway.routing;

import java.util.List;
import java.util.Set;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

import reactor.core.publisher.Flux;

/**
 * Hides from the load balancer the instances this request could not connect to
 * ({@link ConnectRetryGatewayFilterFactory}), so its retry goes elsewhere whatever round robin's
 * position. When every instance failed the list is empty and the load balancer answers 503.
 */
class SkipFailedInstances extends DelegatingServiceInstanceListSupplier {

    SkipFailedInstances(ServiceInstanceListSupplier delegate) {
        super(delegate);
    }

    static String key(ServiceInstance instance) {
        return instance.getHost() + ":" + instance.getPort();
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return delegate.get();
    }

    @Override
    public Flux<List<ServiceInstance>> get(Request request) {
        Set<String> failed = failed(request);
        if (failed.isEmpty()) {
            return delegate.get(request);
        }
        return delegate.get(request).map(instances -> instances.stream()
                .filter(instance -> !failed.contains(key(instance))).toList());
    }

    @SuppressWarnings("unchecked")
    private static Set<String> failed(Request request) {
        if (request != null && request.getContext() instanceof RequestDataContext context
                && context.getClientRequest() != null && context.getClientRequest().getAttributes() != null
                && context.getClientRequest().getAttributes()
                        .get(ConnectRetryGatewayFilterFactory.FAILED_INSTANCES_ATTR) instanceof Set<?> failed) {
            return (Set<String>) failed;
        }
        return Set.of();
    }
}
