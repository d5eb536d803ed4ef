package org.lianfang.registry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The registry (登记): communities, compounds, grids, households and persons. It is the first
 * place a returnee is written down, and the source of truth for who lives where.
 */
@SpringBootApplication
public class RegistryApplication {

    public static void main(String[] args) {
        SpringApplication.run(RegistryApplication.class, args);
    }
}
