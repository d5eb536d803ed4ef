package org.lianfang.registry.person.config;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.lianfang.registry.person.colour.ColourRuleParameters;
import org.lianfang.registry.person.query.ColourRuleVersions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The colour rules in force: the configured parameters until an admin applies another version,
 * then the latest applied one. Axon hands the bean to the person's command handlers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ColourRuleSettings.class)
class ColourRulesConfiguration {

    @Bean
    ColourRuleVersions colourRuleVersions(EventStore eventStore, ColourRuleSettings settings) {
        return new ColourRuleVersions(eventStore, new ColourRuleParameters(settings.reportDeadline(),
                settings.unreachableAttempts(), settings.zone(), settings.ruleVersion()));
    }
}
