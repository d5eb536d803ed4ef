package org.lianfang.checkpoint.config;

import java.time.ZoneId;
import org.lianfang.checkpoint.gate.CrossingInputRules;
import org.lianfang.checkpoint.gate.GateRules;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gate rules with their parameters (the clock comes from the platform; tests replace it). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GateSettings.class)
class CheckpointConfiguration {

    @Bean
    GateRules gateRules(GateSettings settings) {
        return new GateRules(settings.ruleVersion(), settings.feverCelsius());
    }

    @Bean
    CrossingInputRules crossingInputRules(GateSettings settings) {
        return new CrossingInputRules(settings.minCelsius(), settings.maxCelsius(), settings.clockSkew());
    }

    @Bean
    ZoneId communityZone(GateSettings settings) {
        return settings.zone();
    }
}
