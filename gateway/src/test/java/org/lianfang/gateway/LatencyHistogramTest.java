package org.lianfang.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The dashboard's gateway latency panel is {@code histogram_quantile(0.99, ...)} over the gateway's
 * buckets (infra/deploy): a routed request must leave {@code _bucket} series, per route and overall,
 * with the configured bounds and a {@code +Inf} bucket that counted it.
 */
class LatencyHistogramTest extends GatewayIntegrationTest {

    private static final List<String> BOUNDS = List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0",
            "2.5", "5.0", "10.0", "+Inf");

    @Test
    void aRoutedRequestIsCountedInLatencyBucketsPerRouteAndOverall() {
        Downstreams.REGISTRY.stubFor(get(urlEqualTo("/api/v1/compounds/histogram-1"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        // the first routed request of a fresh context starts the HTTP client; a loaded machine may need more than 5 s
        WebTestClient patient = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        patient.get().uri("/api/v1/compounds/histogram-1").exchange().expectStatus().isOk();

        String metrics = patient.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        List<String> route = lines(metrics, "spring_cloud_gateway_requests_seconds_bucket", "routeId=\"registry\"", "httpStatusCode=\"200\"");
        assertThat(bounds(route)).as(String.join("\n", metrics.lines().filter(line -> line.startsWith("spring_cloud_gateway")).toList()))
                .containsExactlyInAnyOrderElementsOf(BOUNDS);
        assertThat(count(route, "+Inf")).isGreaterThanOrEqualTo(1.0);

        List<String> overall = lines(metrics, "http_server_requests_seconds_bucket", "application=\"gateway\"", "status=\"200\"");
        assertThat(bounds(overall)).containsAll(BOUNDS);
        assertThat(count(overall, "+Inf")).isGreaterThanOrEqualTo(1.0);
    }

    private static List<String> lines(String metrics, String name, String... labels) {
        return metrics.lines().filter(line -> line.startsWith(name + "{"))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .toList();
    }

    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    private static List<String> bounds(List<String> lines) {
        return lines.stream().map(LE::matcher).filter(Matcher::find).map(m -> m.group(1)).distinct().toList();
    }

    /** The summed count of the buckets with bound {@code le} (one per tag combination). */
    private static double count(List<String> lines, String le) {
        return lines.stream().filter(line -> line.contains("le=\"" + le + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
