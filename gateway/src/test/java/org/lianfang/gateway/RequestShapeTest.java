package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

/** Paths and headers no endpoint accepts: a 400/431 problem from the gateway, and no service is called. */
class RequestShapeTest extends GatewayIntegrationTest {

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "..%2F..%2Fadmin%2Fclients | must not contain an encoded '/' (%2F)",
            "a%2fb                     | must not contain an encoded '/' (%2F)",
            "..%5C..%5Cwindows         | must not contain an encoded '\\' (%5C)",
            "abc%00def                 | must not contain an encoded control character (e.g. %00)",
            "abc%0Adef                 | must not contain an encoded control character (e.g. %00)",
            "%ED%A0%80                 | must be UTF-8 once decoded",
            "%C0%AF                    | must be UTF-8 once decoded",
            "%FF                       | must be UTF-8 once decoded",
    })
    void aPathNoIdCanHaveIsRefusedBeforeAnyServiceIsCalled(String id, String reason) {
        Downstreams.REGISTRY.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));

        client.post().uri(URI.create(base() + "/api/v1/persons/" + id + "/trace-calls")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://lianfang.org/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo("path")
                .jsonPath("$.errors[0].reason").isEqualTo(reason);
        assertThat(Downstreams.REGISTRY.getAllServeEvents()).isEmpty();
    }

    @Test
    void aMalformedEscapeIsRefused() throws IOException {
        String answer = raw("GET /api/v1/persons/abc%zz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN_KEY
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json");
        assertThat(Downstreams.REGISTRY.getAllServeEvents()).isEmpty();
    }

    @Test
    void ordinaryAndUnicodeIdsStillPass() {
        Downstreams.REGISTRY.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));

        client.get().uri(URI.create(base() + "/api/v1/persons/p-1%E5%AE%89%F0%9F%98%80")).exchange().expectStatus().isOk();
        client.get().uri(URI.create(base() + "/api/v1/persons/..%252F..")).exchange().expectStatus().isOk();
        assertThat(Downstreams.REGISTRY.getAllServeEvents()).hasSize(2);
    }

    @ParameterizedTest(name = "{0} chars")
    @CsvSource({"256", "9000", "20000"})
    void anIdempotencyKeyOverTheLimitIsA400NamingTheHeader(int length) {
        Downstreams.REGISTRY.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201).withBody("{}")));

        client.post().uri("/api/v1/persons").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "k".repeat(length)).bodyValue("{}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key")
                .jsonPath("$.errors[0].reason").isEqualTo("must be 1 to 255 visible ASCII characters");
        assertThat(Downstreams.REGISTRY.getAllServeEvents()).isEmpty();
    }

    @Test
    void anIdempotencyKeyWithSpacesOrNonAsciiOrTwiceIsRefused() {
        client.post().uri("/api/v1/persons").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "a b").bodyValue("{}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key");
        client.post().uri("/api/v1/persons").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "k1", "k2").bodyValue("{}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].reason").isEqualTo("must be given once");
        Downstreams.REGISTRY.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201).withBody("{}")));
        client.post().uri("/api/v1/persons").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "k".repeat(255)).bodyValue("{}").exchange()
                .expectStatus().isCreated();
    }

    @Test
    void headersOverTheLimitAreA431ProblemNotAnEmptyAnswer() throws IOException {
        String tooManyForServices = raw("GET /api/v1/persons HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN_KEY
                + "\r\nX-Big: " + "b".repeat(12_000) + "\r\nConnection: close\r\n\r\n");
        assertThat(tooManyForServices).startsWith("HTTP/1.1 431").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"status\":431");

        String tooManyForNetty = raw("GET /api/v1/persons HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(40_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(tooManyForNetty).startsWith("HTTP/1.1 431").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"status\":431", "https://lianfang.org/problems/request-header-fields-too-large");
        assertThat(Downstreams.REGISTRY.getAllServeEvents()).isEmpty();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(answer);
            } catch (java.net.SocketException reset) {
                // the server closes after answering; what was read is the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
