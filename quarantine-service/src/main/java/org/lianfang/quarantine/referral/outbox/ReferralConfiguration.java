package org.lianfang.quarantine.referral.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the fever-clinic client, its circuit breaker (with Micrometer metrics) and the outbox
 * dispatcher. Without {@code quarantine.fever-clinic.base-url} there is no client: referrals are
 * kept and wait for one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeverClinicProperties.class)
class ReferralConfiguration {

    static final String BREAKER = "fever-clinic";

    @Bean
    CircuitBreaker feverClinicCircuitBreaker(FeverClinicProperties properties, MeterRegistry meters) {
        FeverClinicProperties.CircuitBreaker settings = properties.circuitBreaker();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .recordExceptions(FeverClinicClient.Unavailable.class)
                .ignoreExceptions(FeverClinicClient.Refused.class)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry.circuitBreaker(BREAKER);
    }

    @Bean
    ReferralDispatcher referralDispatcher(ReferralOutbox outbox, FeverClinicProperties properties,
                                          CircuitBreaker feverClinicCircuitBreaker, CommandGateway commands,
                                          Clock clock, ObjectMapper json, MeterRegistry meters) {
        FeverClinicClient client = null;
        if (properties.configured()) {
            client = new FeverClinicClient(properties, json);
        } else {
            LoggerFactory.getLogger(ReferralConfiguration.class).warn(
                    "quarantine.fever-clinic.base-url is not set: fever referrals are kept and wait for it");
        }
        return new ReferralDispatcher(outbox, client, feverClinicCircuitBreaker, commands, clock, properties, meters);
    }
}
