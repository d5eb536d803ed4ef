package org.lianfang.registry.countylist;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.registry.countylist.client.CountyListClient;
import org.lianfang.registry.countylist.client.CountyListUnavailableException;
import org.lianfang.registry.countylist.client.CountyListUnavailableException.Reason;
import org.lianfang.registry.countylist.config.CountyListSettings;

/**
 * The county breaker's whole cycle (closed → open → half-open → closed) as the Prometheus scrape
 * shows it, with the registries bound as {@code CountyListConfiguration} binds them.
 */
class CountyListBreakerTest {

    private static final String PATH = "/returnee-lists";
    private static final String PAGE = "{\"entries\":[],\"nextCursor\":\"c-1\"}";

    private WireMockServer county;
    private PrometheusMeterRegistry prometheus;
    private CountyListClient client;

    @BeforeEach
    void start() {
        county = new WireMockServer(wireMockConfig().dynamicPort());
        county.start();
        prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        RetryRegistry retries = RetryRegistry.ofDefaults();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(prometheus);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(prometheus);
        client = new CountyListClient(new CountyListSettings(true, "http://127.0.0.1:" + county.port(), PATH,
                "anguo-road", "X-County-Key", "secret", "county-list", 10, 5, Duration.ofHours(1),
                Duration.ofMillis(500), Duration.ofSeconds(5), 2, Duration.ofMillis(10), 4, 50f,
                Duration.ofMillis(300), ZoneId.of("Asia/Shanghai")), breakers, retries);
    }

    @AfterEach
    void stop() {
        county.stop();
    }

    @Test
    void theBreakerOpensOnAnOutageThenClosesThroughHalfOpenWhenTheCountyRecovers() {
        List<String> transitions = new CopyOnWriteArrayList<>();
        client.breaker().getEventPublisher().onStateTransition(e -> transitions.add(e.getStateTransition().name()));
        assertThat(state()).containsEntry("closed", 1.0).containsEntry("open", 0.0);
        county.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));

        for (int pull = 0; pull < 3; pull++) {
            failure();
        }
        assertThat(client.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(state()).containsEntry("open", 1.0).containsEntry("closed", 0.0);
        int called = county.getAllServeEvents().size();
        assertThat(failure().reason()).isEqualTo(Reason.CIRCUIT_OPEN);
        assertThat(county.getAllServeEvents()).as("an open breaker does not call the county").hasSize(called);
        assertThat(prometheus.scrape()).containsPattern(
                "resilience4j_circuitbreaker_not_permitted_calls_total\\{[^}]*name=\"county-list\"[^}]*} [1-9]");

        county.resetAll();
        county.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(PAGE)));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            failureOrPage();
            return client.breaker().getState() == CircuitBreaker.State.CLOSED;
        });
        int trials = county.getAllServeEvents().size();

        assertThat(transitions).containsSubsequence("CLOSED_TO_OPEN", "OPEN_TO_HALF_OPEN", "HALF_OPEN_TO_CLOSED");
        assertThat(trials).as("two good answers in half-open close it").isEqualTo(2);
        assertThat(state()).containsEntry("closed", 1.0).containsEntry("open", 0.0).containsEntry("half_open", 0.0);
        assertThat(prometheus.scrape()).containsPattern(
                "resilience4j_circuitbreaker_calls_seconds_count\\{[^}]*kind=\"successful\"[^}]*name=\"county-list\"[^}]*} [1-9]");
    }

    private Map<String, Double> state() {
        Map<String, Double> states = new HashMap<>();
        Matcher lines = Pattern.compile("resilience4j_circuitbreaker_state\\{([^}]*)} ([0-9.]+)")
                .matcher(prometheus.scrape());
        while (lines.find()) {
            if (lines.group(1).contains("name=\"county-list\"")) {
                Matcher state = Pattern.compile("state=\"([a-z_]+)\"").matcher(lines.group(1));
                if (state.find()) {
                    states.put(state.group(1), Double.parseDouble(lines.group(2)));
                }
            }
        }
        assertThat(states).as("resilience4j_circuitbreaker_state for county-list in the scrape").isNotEmpty();
        return states;
    }

    private void failureOrPage() {
        try {
            client.fetch(null);
        } catch (CountyListUnavailableException stillOpen) {
            // the open period has not passed yet
        }
    }

    private CountyListUnavailableException failure() {
        return catchThrowableOfType(CountyListUnavailableException.class, () -> client.fetch(null));
    }
}
