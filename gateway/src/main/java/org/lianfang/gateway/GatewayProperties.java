package org.lianfang.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Gateway settings that are ours rather than Spring Cloud Gateway's. Timeouts are not here: they are
 * route metadata in {@code application.yml}, so each route can carry its own.
 *
 * @param maxRequestBody the largest request body accepted; larger ones are refused with 413 before
 *     any service sees them
 */
@ConfigurationProperties("lianfang.gateway")
public record GatewayProperties(@DefaultValue("1MB") DataSize maxRequestBody) {
}
