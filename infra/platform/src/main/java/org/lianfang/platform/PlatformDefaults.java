package org.lianfang.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Spring Boot settings every service shares, as the lowest-priority defaults: a service's own
 * {@code application.yml} or the environment override any of them.
 */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    public static final String SOURCE_NAME = "lianfangPlatformDefaults";
    private static final Pattern PROCESSOR_PROPERTY = Pattern.compile("axon\\.eventhandling\\.processors\\.([^.\\[\\]]+)\\..+");

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
        // Axon 4.13.0's handler timeouts walk the stack whenever a handler starts (AxonFramework#4637):
        // HandlerWatchdog warns and interrupts instead (lianfang.handlers.*)
        defaults.put("axon.timeout.enabled", "false");
        defaults.put("axon.metrics.micrometer.dimensional", "true");
        defaults.put("logging.structured.format.console", "ecs");
        defaults.put("logging.structured.ecs.service.name", "${spring.application.name}");
        // axon-mongo logs every dead letter whole at INFO, payload included (a person's name, phone):
        // DeadLetterRetry says which groups hold letters instead, without their contents
        defaults.put("logging.level.org.axonframework.extensions.mongo.eventhandling.deadletter", "WARN");
        // Processors a service names under axon.eventhandling.processors (e.g. for a batch size) are
        // configured by Axon's auto-configuration, not by the platform's default: they get the
        // platform's scale-out settings here, unless they set their own.
        for (String processor : namedProcessors(environment)) {
            String prefix = "axon.eventhandling.processors." + processor + ".";
            defaults.put(prefix + "thread-count", "${lianfang.processing.threads:${lianfang.processing.segments:1}}");
            defaults.put(prefix + "initial-segment-count", "${lianfang.processing.segments:1}");
            defaults.put(prefix + "token-claim-interval", "${lianfang.processing.token-claim-interval-ms:5000}");
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }

    private static Set<String> namedProcessors(ConfigurableEnvironment environment) {
        Set<String> names = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String property : enumerable.getPropertyNames()) {
                    Matcher matcher = PROCESSOR_PROPERTY.matcher(property);
                    if (matcher.matches()) {
                        names.add(matcher.group(1));
                    }
                }
            }
        }
        return names;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
