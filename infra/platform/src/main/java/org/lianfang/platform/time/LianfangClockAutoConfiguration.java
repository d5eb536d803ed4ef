package org.lianfang.platform.time;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every service decides with (quarantine periods, check windows, reporting deadlines).
 * The system UTC clock, unless {@code lianfang.clock.adjustable=true} makes it an {@link AdjustableClock}
 * for simulated days in end-to-end tests and demos. A service's tests may still declare their own.
 */
@AutoConfiguration
public class LianfangClockAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "lianfang.clock.adjustable", havingValue = "true")
    static class Adjustable {

        @Bean
        @ConditionalOnMissingBean(Clock.class)
        AdjustableClock lianfangClock() {
            return new AdjustableClock(Clock.systemUTC());
        }

        @Bean
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
        @org.springframework.boot.autoconfigure.condition.ConditionalOnBean(AdjustableClock.class)
        ClockController lianfangClockController(AdjustableClock lianfangClock) {
            return new ClockController(lianfangClock);
        }
    }

    /**
     * Bean Validation's "past" and "future" ({@code @PastOrPresent} arrival dates, call times) judged on
     * this clock and in the communities' zone ({@code lianfang.clock.zone}, default Asia/Shanghai): a
     * returnee arriving "today" on a simulated day, or registered at 07:00 in China (still yesterday in
     * UTC), is judged as the services judge everything else.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "jakarta.validation.Validator")
    static class ValidationClock {

        @Bean
        ValidationConfigurationCustomizer lianfangValidationClock(Clock clock,
                                                                  @Value("${lianfang.clock.zone:Asia/Shanghai}") ZoneId zone) {
            Clock live = new InZone(clock, zone);
            return configuration -> configuration.clockProvider(() -> live);
        }
    }

    /**
     * The clock seen in another zone, live: Hibernate Validator keeps the clock it is given when a
     * constraint is initialised, so a snapshot ({@code withZone} of an adjusted clock) would not move.
     */
    static final class InZone extends Clock {
        private final Clock clock;
        private final ZoneId zone;

        InZone(Clock clock, ZoneId zone) {
            this.clock = clock;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new InZone(clock, other);
        }

        @Override
        public java.time.Instant instant() {
            return clock.instant();
        }
    }

    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock lianfangSystemClock() {
        return Clock.systemUTC();
    }
}
