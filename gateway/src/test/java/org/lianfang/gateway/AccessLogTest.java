package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;

@ExtendWith(OutputCaptureExtension.class)
class AccessLogTest extends GatewayIntegrationTest {

    @Test
    void logsOneStructuredLineWithoutQueryStringOrAuthorization(CapturedOutput output) {
        Downstreams.REGISTRY.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));

        client.get().uri("/api/v1/persons/p-9?idNumber=410101199001011234")
                .header("X-Correlation-Id", "corr-access-log")
                .exchange()
                .expectStatus().isOk();

        await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("corr-access-log"));
        String line = output.getOut().lines().filter(l -> l.contains("corr-access-log")).findFirst().orElseThrow();
        assertThat(line)
                .contains("\"logger_name\":\"org.lianfang.gateway.access\"")
                .contains("\"method\":\"GET\"")
                .contains("\"path\":\"/api/v1/persons/p-9\"")
                .contains("\"status\":200")
                .contains("\"durationMs\":")
                .contains("\"correlationId\":\"corr-access-log\"")
                .contains("\"routeId\":\"registry\"");
        assertThat(output.getAll()).doesNotContain("410101199001011234").doesNotContain(ADMIN_KEY);
    }
}
