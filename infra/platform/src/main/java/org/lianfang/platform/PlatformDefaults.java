package org.lianfang.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Spring Boot settings every service shares, as the lowest-priority defaults: a service's own
 * {@code application.yml} or the environment override any of them.
 */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    public static final String SOURCE_NAME = "lianfangPlatformDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.application.name", "${lianfang.service-name:lianfang}");
        defaults.put("server.shutdown", "graceful");
        defaults.put("spring.lifecycle.timeout-per-shutdown-phase", "20s");
        defaults.put("spring.mvc.problemdetails.enabled", "true");
        defaults.put("server.error.include-stacktrace", "never");
        defaults.put("server.error.include-message", "never");
        defaults.put("server.error.include-exception", "false");
        defaults.put("server.error.include-binding-errors", "never");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.show-details", "never");
        defaults.put("management.endpoint.health.show-components", "always");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.metrics.tags.service", "${lianfang.service-name:lianfang}");
        defaults.put("lianfang.security.identity-key", "${LIANFANG_IDENTITY_KEY:}");
        defaults.put("lianfang.privacy.master-key", "${LIANFANG_MASTER_KEY:}");
        defaults.put("axon.axonserver.enabled", "false");
        defaults.put("axon.metrics.micrometer.dimensional", "true");
        defaults.put("logging.structured.format.console", "ecs");
        defaults.put("logging.structured.ecs.service.name", "${spring.application.name}");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
