package org.lianfang.platform.time;

import java.time.Clock;
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

    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock lianfangSystemClock() {
        return Clock.systemUTC();
    }
}
