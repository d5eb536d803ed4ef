package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorrelationIdTest extends GatewayIntegrationTest {

    private static final String HEADER = "X-Correlation-Id";

    @BeforeEach
    void serviceAnswers() {
        Downstreams.QUARANTINE.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    @Test
    void generatesAUuidWhenTheClientSendsNone() {
        String returned = client.get().uri("/api/v1/quarantines/q-1").exchange()
                .expectStatus().isOk()
                .returnResult(Void.class).getResponseHeaders().getFirst(HEADER);

        assertThat(UUID.fromString(returned)).isNotNull();
        Downstreams.QUARANTINE.verify(getRequestedFor(urlEqualTo("/api/v1/quarantines/q-1")).withHeader(HEADER, equalTo(returned)));
    }

    @Test
    void propagatesAWellFormedIncomingId() {
        String incoming = "tablet-7:2020-02-03.42";

        client.get().uri("/api/v1/quarantines/q-1").header(HEADER, incoming).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HEADER, incoming);

        Downstreams.QUARANTINE.verify(getRequestedFor(urlEqualTo("/api/v1/quarantines/q-1")).withHeader(HEADER, equalTo(incoming)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "<script>alert(1)</script>", "id;drop", "-leading-dash",
            "a1234567890123456789012345678901234567890123456789012345678901234"})
    void replacesAMalformedIncomingIdWithAFreshOne(String malformed) {
        String returned = client.get().uri("/api/v1/quarantines/q-1").header(HEADER, malformed).exchange()
                .expectStatus().isOk()
                .returnResult(Void.class).getResponseHeaders().getFirst(HEADER);

        assertThat(UUID.fromString(returned)).isNotNull();
        List<String> received = Downstreams.QUARANTINE.getAllServeEvents().get(0).getRequest().getHeaders().getHeader(HEADER).values();
        assertThat(received).containsExactly(returned);
    }

    @Test
    void answersWithExactlyOneIdEvenWhenTheServiceEchoesOne() {
        Downstreams.QUARANTINE.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader(HEADER, "service-made-this")));

        List<String> returned = client.get().uri("/api/v1/quarantines/q-1").header(HEADER, "client-1").exchange()
                .expectStatus().isOk()
                .returnResult(Void.class).getResponseHeaders().get(HEADER);

        assertThat(returned).containsExactly("client-1");
    }
}
