package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;

import reactor.core.publisher.Flux;

/** The default limit of 1 MiB; a body without a declared length is sent chunked. */
class RequestBodyLimitTest extends GatewayIntegrationTest {

    private static final int LIMIT = 1024 * 1024;

    @BeforeEach
    void serviceAnswers() {
        Downstreams.REGISTRY.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201)));
    }

    @Test
    void aDeclaredBodyOverTheLimitAnswers413ProblemDetailsAndNeverReachesTheService() {
        client.post().uri("/api/v1/persons").contentType(MediaType.APPLICATION_JSON).bodyValue(bytes(LIMIT + 1, 'a'))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://lianfang.org/problems/payload-too-large")
                .jsonPath("$.status").isEqualTo(413)
                .jsonPath("$.instance").isEqualTo("/api/v1/persons");

        assertThat(Downstreams.REGISTRY.getAllServeEvents()).isEmpty();
    }

    @Test
    void aChunkedBodyOverTheLimitAnswers413AndNeverReachesTheService() {
        client.post().uri("/api/v1/persons").contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(chunks(LIMIT + 1)))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(Downstreams.REGISTRY.getAllServeEvents()).isEmpty();
    }

    @Test
    void aChunkedBodyWithinTheLimitReachesTheServiceIntact() {
        byte[] expected = new byte[LIMIT];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) ('a' + i % 26);
        }

        client.post().uri("/api/v1/persons").contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(Flux.range(0, LIMIT / 4096)
                        .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(Arrays.copyOfRange(expected, i * 4096, (i + 1) * 4096)))))
                .exchange()
                .expectStatus().isCreated();

        Downstreams.REGISTRY.verify(1, postRequestedFor(urlEqualTo("/api/v1/persons")).withRequestBody(binaryEqualTo(expected)));
    }

    private static Flux<DataBuffer> chunks(int total) {
        int chunk = 8192;
        return Flux.range(0, (total + chunk - 1) / chunk)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(bytes(Math.min(chunk, total - i * chunk), 'b')));
    }

    private static byte[] bytes(int length, char fill) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) fill);
        return bytes;
    }
}
