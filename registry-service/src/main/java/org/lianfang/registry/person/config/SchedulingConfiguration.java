package org.lianfang.registry.person.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The report-deadline sweep runs on Spring's scheduler, on the platform's clock (UTC). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {
}
