package org.lianfang.quarantine.cases;

import java.time.Clock;
import org.lianfang.quarantine.cases.command.QuarantinePolicies;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The policies and the clock the quarantine domain decides with, and the scheduled sweep of check windows. The clock is a bean so that tests
 * can live through fourteen days in a second.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuarantinePolicyProperties.class)
@EnableScheduling
class QuarantineConfiguration {

    @Bean
    QuarantinePolicies quarantinePolicies(QuarantinePolicyProperties properties) {
        return properties.toPolicies();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
