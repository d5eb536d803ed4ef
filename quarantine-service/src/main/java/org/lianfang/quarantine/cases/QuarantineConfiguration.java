package org.lianfang.quarantine.cases;

import java.time.Clock;
import org.lianfang.quarantine.cases.command.QuarantinePolicies;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The policies and the clock the quarantine domain decides with. The clock is a bean so that tests
 * can live through fourteen days in a second.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuarantinePolicyProperties.class)
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
