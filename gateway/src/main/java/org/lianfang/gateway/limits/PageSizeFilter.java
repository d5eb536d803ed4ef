package org.lianfang.gateway.limits;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.lianfang.gateway.problem.ProblemResponses;
import org.lianfang.gateway.problem.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The suite's page-size ceiling, checked once at the entry: a {@code limit}, {@code size} or
 * {@code pageSize} query parameter above {@code lianfang.gateway.max-page-size} (500, the services'
 * {@code lianfang.http.max-page-size} default) is a 400 problem naming the parameter; no service is called.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class PageSizeFilter implements WebFilter {

    static final List<String> PARAMETERS = List.of("limit", "size", "pageSize");

    private final int maxPageSize;
    private final ProblemResponses responses;

    PageSizeFilter(@Value("${lianfang.gateway.max-page-size:500}") int maxPageSize, ProblemResponses responses) {
        this.maxPageSize = maxPageSize;
        this.responses = responses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        var query = exchange.getRequest().getQueryParams();
        for (String parameter : PARAMETERS) {
            for (String value : query.getOrDefault(parameter, List.of())) {
                if (exceeds(value, maxPageSize)) {
                    ProblemDetail problem = Problems.of(exchange, HttpStatus.BAD_REQUEST, "The request is not valid.");
                    problem.setType(URI.create(Problems.TYPE_BASE + "validation"));
                    problem.setTitle("The request is not valid");
                    problem.setProperty("errors", List.of(Map.of("field", parameter,
                            "reason", "must be at most " + maxPageSize)));
                    return responses.write(exchange, problem);
                }
            }
        }
        return chain.filter(exchange);
    }

    static boolean exceeds(String value, int max) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return false;
            }
        }
        return value.length() > 9 || Integer.parseInt(value) > max;
    }
}
