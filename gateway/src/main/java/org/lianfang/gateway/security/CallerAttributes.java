package org.lianfang.gateway.security;

import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;

/** Where the authenticated client of an exchange is kept for later filters and handlers. */
public final class CallerAttributes {

    public static final String CLIENT = CallerAttributes.class.getName() + ".client";

    private CallerAttributes() {
    }

    public static Optional<ApiClient> client(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(CLIENT));
    }
}
