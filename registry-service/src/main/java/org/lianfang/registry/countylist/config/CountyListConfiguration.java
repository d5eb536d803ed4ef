package org.lianfang.registry.countylist.config;

import com.mongodb.client.MongoDatabase;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.lianfang.registry.compound.query.CompoundDirectory;
import org.lianfang.registry.countylist.client.CountyListClient;
import org.lianfang.registry.countylist.command.CountyListImport;
import org.lianfang.registry.person.command.PersonRegistration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The county list client and import, whether or not pulling on a schedule is enabled (an admin
 * can pull by hand). The circuit breaker's and the retry's own metrics go to Prometheus too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CountyListSettings.class)
class CountyListConfiguration {

    @Bean
    CountyListClient countyListClient(CountyListSettings settings, MeterRegistry meters) {
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        RetryRegistry retries = RetryRegistry.ofDefaults();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
        return new CountyListClient(settings, breakers, retries);
    }

    @Bean
    CountyListImport countyListImport(CountyListClient client, PersonRegistration registration,
            CountyListSettings settings, MongoDatabase serviceDatabase, MeterRegistry meters, Clock clock,
            CompoundDirectory compounds) {
        return new CountyListImport(client, registration, settings, serviceDatabase, meters, clock, compounds);
    }
}
