package org.lianfang.volunteer.config;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock the domain decides with (a bean, so tests move time) and the settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VolunteerSettings.class)
class VolunteerConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
