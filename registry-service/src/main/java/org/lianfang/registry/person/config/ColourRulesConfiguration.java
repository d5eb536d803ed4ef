package org.lianfang.registry.person.config;

import org.lianfang.registry.person.colour.ColourRuleParameters;
import org.lianfang.registry.person.colour.RiskColourPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the colour policy a bean, which Axon hands to the person's command handlers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ColourRuleSettings.class)
class ColourRulesConfiguration {

    @Bean
    RiskColourPolicy riskColourPolicy(ColourRuleSettings settings) {
        return new RiskColourPolicy(new ColourRuleParameters(settings.reportDeadline(), settings.unreachableAttempts(),
                settings.zone(), settings.ruleVersion()));
    }
}
