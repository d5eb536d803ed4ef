package org.lianfang.gateway.limits;

import org.lianfang.gateway.GatewayProperties;
import org.lianfang.gateway.problem.ProblemResponses;
import org.lianfang.gateway.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies above {@link GatewayProperties#maxRequestBody()} with 413 before any
 * service is called. A declared {@code Content-Length} is checked up front; a chunked body has no
 * length to check, so it is buffered up to the limit (never beyond) and forwarded with a length.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimitFilter implements WebFilter {

    private final int maxBytes;
    private final ProblemResponses responses;

    RequestBodyLimitFilter(GatewayProperties properties, ProblemResponses responses) {
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE, properties.maxRequestBody().toBytes());
        this.responses = responses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        long declaredLength = headers.getContentLength();
        if (declaredLength > maxBytes) {
            return tooLarge(exchange);
        }
        if (declaredLength >= 0 || !headers.containsKey(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxBytes)
                .map(RequestBodyLimitFilter::copyToHeap)
                .map(Buffered::of)
                .defaultIfEmpty(Buffered.EMPTY)
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(Buffered.TOO_LARGE))
                .flatMap(buffered -> buffered.tooLarge()
                        ? tooLarge(exchange)
                        : chain.filter(exchange.mutate().request(withBody(exchange.getRequest(), buffered.body())).build()));
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        String detail = "The request body is larger than the gateway accepts (at most %d bytes).".formatted(maxBytes);
        return responses.write(exchange, Problems.of(exchange, HttpStatus.PAYLOAD_TOO_LARGE, detail));
    }

    /** A heap copy is garbage-collected even if the body is never sent (service down, breaker open). */
    private static DataBuffer copyToHeap(DataBuffer pooled) {
        try {
            byte[] bytes = new byte[pooled.readableByteCount()];
            pooled.read(bytes);
            return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
        } finally {
            DataBufferUtils.release(pooled);
        }
    }

    private static ServerHttpRequest withBody(ServerHttpRequest request, DataBuffer body) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(request.getHeaders());
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.setContentLength(body == null ? 0 : body.readableByteCount());
        return new ServerHttpRequestDecorator(request) {
            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<DataBuffer> getBody() {
                return body == null ? Flux.empty() : Flux.just(body);
            }
        };
    }

    private record Buffered(DataBuffer body, boolean tooLarge) {
        static final Buffered EMPTY = new Buffered(null, false);
        static final Buffered TOO_LARGE = new Buffered(null, true);

        static Buffered of(DataBuffer body) {
            return new Buffered(body, false);
        }
    }
}
