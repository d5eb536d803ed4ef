package org.lianfang.checkpoint.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gate's parameters ({@code lianfang.checkpoint.gate.*}). Change {@code rule-version} with any
 * of the others: every decision stores it.
 *
 * @param ruleVersion   stored on every crossing's verdict
 * @param feverCelsius  at or above: denied and flagged
 * @param minCelsius    below: not a reading (400)
 * @param maxCelsius    above: not a reading (400)
 * @param clockSkew     how far ahead of the server a tablet's clock may be
 * @param zone          the community's zone: the arrival date reported for an unregistered arrival
 */
@ConfigurationProperties("lianfang.checkpoint.gate")
public record GateSettings(
        @DefaultValue("gate-v1") String ruleVersion,
        @DefaultValue("37.3") BigDecimal feverCelsius,
        @DefaultValue("34.0") BigDecimal minCelsius,
        @DefaultValue("43.0") BigDecimal maxCelsius,
        @DefaultValue("2m") Duration clockSkew,
        @DefaultValue("Asia/Shanghai") ZoneId zone) {
}
