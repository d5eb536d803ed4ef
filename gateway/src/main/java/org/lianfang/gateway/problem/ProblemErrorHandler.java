package org.lianfang.gateway.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import org.lianfang.gateway.correlation.CorrelationId;

import reactor.core.publisher.Mono;

/**
 * Turns every error that escapes the gateway into a problem detail, replacing Spring Boot's default
 * error body. An unknown path is a 404 problem; anything unexpected is a 500 whose body says nothing
 * about the cause, which is logged here with the correlation id instead.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final ProblemResponses responses;

    ProblemErrorHandler(ProblemResponses responses) {
        this.responses = responses;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        HttpStatusCode status = HttpStatus.INTERNAL_SERVER_ERROR;
        HttpHeaders headers = HttpHeaders.EMPTY;
        if (error instanceof ResponseStatusException statusError) {
            status = statusError.getStatusCode();
            headers = statusError.getHeaders();
        }
        if (status.is5xxServerError()) {
            log.error("Request failed [correlationId={}]", CorrelationId.of(exchange).orElse("-"), error);
        }
        return responses.write(exchange, Problems.of(exchange, status, detailFor(status)), headers);
    }

    private static String detailFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> "No resource is served at this path.";
            case 405 -> "This method is not supported at this path.";
            case 413 -> "The request body is larger than the gateway accepts.";
            case 500 -> "The gateway failed to handle the request.";
            default -> status.is4xxClientError() ? "The request was not accepted." : "The gateway could not complete the request.";
        };
    }
}
