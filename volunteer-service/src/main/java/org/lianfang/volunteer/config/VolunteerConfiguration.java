package org.lianfang.volunteer.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The volunteer settings (the clock the domain decides with comes from the platform; tests replace it). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VolunteerSettings.class)
class VolunteerConfiguration {
}
