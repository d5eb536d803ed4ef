package org.lianfang.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The single entry to Lianfang: routes {@code /api/v1/<resource>/**} to the service that owns the
 * resource. Routes live in {@code application.yml}; this module adds only what routing alone cannot
 * give: correlation ids, an access log, bounded request bodies, and problem-detail errors.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
