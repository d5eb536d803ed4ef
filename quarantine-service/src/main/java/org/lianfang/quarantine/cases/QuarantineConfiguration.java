package org.lianfang.quarantine.cases;

import org.lianfang.quarantine.cases.command.QuarantinePolicies;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The policies the quarantine domain decides with, and the scheduled sweep of check windows. The clock comes from the
 * platform (adjustable with {@code lianfang.clock.adjustable}), so tests live through fourteen days in a second.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuarantinePolicyProperties.class)
@EnableScheduling
class QuarantineConfiguration {

    @Bean
    QuarantinePolicies quarantinePolicies(QuarantinePolicyProperties properties) {
        return properties.toPolicies();
    }
}
