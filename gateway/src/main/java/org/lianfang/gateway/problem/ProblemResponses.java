package org.lianfang.gateway.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import reactor.core.publisher.Mono;

/**
 * Writes a problem detail straight to the response, for the places that answer outside any handler
 * (web filters, the error handler), where no message writers are at hand.
 */
@Component
public class ProblemResponses {

    private final ObjectMapper objectMapper;

    ProblemResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** Answers the exchange with {@code problem}, replacing whatever headers were already set. */
    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        return write(exchange, problem, HttpHeaders.EMPTY);
    }

    /** As {@link #write(ServerWebExchange, ProblemDetail)}, adding headers that belong to the status (e.g. {@code Allow}). */
    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem, HttpHeaders extraHeaders) {
        byte[] body;
        try {
            body = objectMapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.getHeaders().clear();
        response.getHeaders().addAll(extraHeaders);
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
