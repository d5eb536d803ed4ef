package org.lianfang.registry.person.config;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lianfang.registry.colour.*}: the adjustable numbers of the four-colour rules. Change
 * {@code rule-version} with any of the others, so recorded colour changes name the rules they used.
 */
@ConfigurationProperties("lianfang.registry.colour")
public record ColourRuleSettings(
        @DefaultValue("24h") Duration reportDeadline,
        @DefaultValue("3") int unreachableAttempts,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("v1") String ruleVersion,
        @DefaultValue("1m") Duration deadlineSweepInterval) {
}
