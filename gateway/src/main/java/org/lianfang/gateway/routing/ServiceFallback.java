package org.lianfang.gateway.routing;

import java.util.concurrent.TimeoutException;

import org.lianfang.gateway.problem.Problems;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends a request its service could not serve. A timeout becomes 504
 * and says the write may have happened (the client should retry with the same Idempotency-Key);
 * anything else (refused, reset, breaker open) becomes 503. Reached directly, without a breaker
 * having failed, it pretends not to exist.
 */
class ServiceFallback {

    static final String PATH_PREFIX = "/gateway-fallback/";

    Mono<ServerResponse> handle(ServerRequest request) {
        ServerWebExchange exchange = request.exchange();
        Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (failure == null) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        String service = request.pathVariable("service");
        ProblemDetail problem = isTimeout(failure)
                ? Problems.of(exchange, HttpStatus.GATEWAY_TIMEOUT,
                        ("The %s service did not answer in time. The request may or may not have taken effect; "
                                + "repeat it with the same Idempotency-Key to be safe.").formatted(service))
                : Problems.of(exchange, HttpStatus.SERVICE_UNAVAILABLE, unavailableDetail(service, failure));
        return ServerResponse.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(problem);
    }

    private static String unavailableDetail(String service, Throwable failure) {
        if (failure instanceof CallNotPermittedException) {
            return "The %s service is unavailable: its recent calls failed, so the gateway is not calling it for a while. Try again later."
                    .formatted(service);
        }
        return "The %s service is unavailable. Try again later.".formatted(service);
    }

    static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException
                    || t instanceof org.springframework.cloud.gateway.support.TimeoutException
                    || t instanceof ReadTimeoutException
                    || t instanceof ResponseStatusException rse && rse.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
                return true;
            }
        }
        return false;
    }
}
