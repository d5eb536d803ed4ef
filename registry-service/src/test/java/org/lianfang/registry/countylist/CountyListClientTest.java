package org.lianfang.registry.countylist;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.registry.countylist.client.CountyListClient;
import org.lianfang.registry.countylist.client.CountyListPage;
import org.lianfang.registry.countylist.client.CountyListUnavailableException;
import org.lianfang.registry.countylist.client.CountyListUnavailableException.Reason;
import org.lianfang.registry.countylist.config.CountyListSettings;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;

/** The county list client against WireMock: the happy page and every fault the county can throw at us. */
class CountyListClientTest {

    private static final String PATH = "/returnee-lists";
    private static final String PAGE = "{\"entries\":[{\"entryId\":\"e-1\",\"residentIdNumber\":\"410101199102020010\","
            + "\"name\":\"甲\",\"origin\":\"WUHAN\",\"arrivalDate\":\"2020-01-24\",\"hubeiContact\":true}],"
            + "\"nextCursor\":\"c-1\"}";

    private WireMockServer county;
    private CountyListClient client;

    @BeforeEach
    void start() {
        county = new WireMockServer(wireMockConfig().dynamicPort());
        county.start();
        warmUp();
        client = new CountyListClient(settings(4));
    }

    /** A cold WireMock in a cold JVM answers its first request slower than the read timeout under test. */
    private void warmUp() {
        county.stubFor(get(urlPathEqualTo("/warm-up")).willReturn(okJson("{}")));
        try {
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + county.port() + "/warm-up")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        county.resetAll();
    }

    @AfterEach
    void stop() {
        county.stop();
    }

    @Test
    void readsAPageSendingTheCredentialCommunityCursorAndLimit() {
        county.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(PAGE)));

        CountyListPage page = client.fetch("c-0");

        assertThat(page.nextCursor()).isEqualTo("c-1");
        assertThat(page.entries()).singleElement().satisfies(e -> {
            assertThat(e.entryId()).isEqualTo("e-1");
            assertThat(e.origin()).isEqualTo("WUHAN");
            assertThat(e.hubeiContact()).isTrue();
        });
        county.verify(getRequestedFor(urlPathEqualTo(PATH)).withHeader("X-County-Key", equalTo("secret"))
                .withQueryParam("cursor", equalTo("c-0")).withQueryParam("community", equalTo("anguo-road"))
                .withQueryParam("limit", equalTo("10")));
    }

    @Test
    void twoServerErrorsAreRetriedAndTheThirdAttemptSucceeds() {
        county.stubFor(get(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(500)).willSetStateTo("second"));
        county.stubFor(get(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(error(503)).willSetStateTo("third"));
        county.stubFor(get(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(okJson(PAGE)));

        assertThat(client.fetch(null).entries()).hasSize(1);
        county.verify(3, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void aServerErrorEveryTimeIsRetriedThenReportedUnavailable() {
        county.stubFor(get(urlPathEqualTo(PATH)).willReturn(error(502)));

        CountyListUnavailableException failure = failure();

        assertThat(failure.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(failure.getCause()).isInstanceOf(HttpServerErrorException.class);
        county.verify(3, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void aResponseSlowerThanTheReadTimeoutIsRetriedThenReportedUnavailable() {
        county.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(PAGE).withFixedDelay(2500)));

        assertThat(failure().reason()).isEqualTo(Reason.UNAVAILABLE);
        county.verify(3, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void connectionResetsAreRetriedThenReportedUnavailable() {
        county.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(failure().reason()).isEqualTo(Reason.UNAVAILABLE);
        // each of our 3 attempts; the HTTP transport may itself resend a GET once after a reset
        assertThat(county.getAllServeEvents().size()).isIn(3, 6);
    }

    @Test
    void garbageIsMalformedAndNotRetried() {
        county.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"entries\":[{\"entryId\":")));

        assertThat(failure().reason()).isEqualTo(Reason.MALFORMED);
        county.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void jsonOfTheWrongShapeIsMalformed() {
        county.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"entries\":[]}")));
        assertThat(failure().reason()).isEqualTo(Reason.MALFORMED);

        county.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"entries\":{},\"nextCursor\":\"c\"}")));
        assertThat(failure().reason()).isEqualTo(Reason.MALFORMED);

        county.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"entries\":[7],\"nextCursor\":\"c\"}")));
        assertThat(failure().reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void aRefusedCredentialIsNotRetried() {
        county.stubFor(get(urlPathEqualTo(PATH)).willReturn(error(403)));

        CountyListUnavailableException refused = failure();
        assertThat(refused.reason()).as(String.valueOf(refused.getCause())).isEqualTo(Reason.UNAVAILABLE);
        assertThat(refused.getCause()).isInstanceOf(HttpClientErrorException.Forbidden.class);
        assertThat(county.getAllServeEvents()).as(county.getAllServeEvents().toString()).hasSize(1);
    }

    @Test
    void afterRepeatedFailuresTheCircuitOpensAndTheCountyIsNotCalledAtAll() {
        client = new CountyListClient(settings(2));
        county.stubFor(get(urlPathEqualTo(PATH)).willReturn(error(500)));

        CountyListUnavailableException first = failure();
        assertThat(first.reason()).isIn(Reason.UNAVAILABLE, Reason.CIRCUIT_OPEN);
        int calls = county.getAllServeEvents().size();
        county.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(PAGE)));

        assertThat(failure().reason()).isEqualTo(Reason.CIRCUIT_OPEN);
        assertThat(county.getAllServeEvents()).hasSize(calls);
        assertThat(client.breaker().getState().name()).isEqualTo("OPEN");
    }

    private CountyListUnavailableException failure() {
        return catchThrowableOfType(CountyListUnavailableException.class, () -> client.fetch(null));
    }

    private CountyListSettings settings(int breakerWindow) {
        return new CountyListSettings(true, "http://127.0.0.1:" + county.port(), PATH, "anguo-road", "X-County-Key",
                "secret", "county-list", 10, 5, Duration.ofHours(1), Duration.ofMillis(500), Duration.ofMillis(1000),
                3, Duration.ofMillis(10), breakerWindow, 50f, Duration.ofMinutes(5), ZoneId.of("Asia/Shanghai"));
    }

    /** An error response as servers send them: a status with a small body (and its length). */
    private static ResponseDefinitionBuilder error(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"" + status + "\"}");
    }
}
