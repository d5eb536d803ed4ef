package org.lianfang.seeds;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

class SeedLoaderTest {

    WireMockServer gateway;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        gateway = new WireMockServer(options().dynamicPort());
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop();
    }

    private SeedLoader loader() {
        return new SeedLoader(URI.create(gateway.baseUrl()), "demo-key", Duration.ofMillis(1));
    }

    @Test
    void sendsEachLineWithItsIdempotencyKeyAndRetriesServerErrorsWithTheSameKey() throws Exception {
        Files.writeString(dir.resolve("020-b.jsonl"), "{\"path\":\"/api/v1/b\",\"key\":\"k-b\",\"body\":{\"n\":2}}\n");
        Files.writeString(dir.resolve("010-a.jsonl"), "{\"path\":\"/api/v1/a\",\"key\":\"k-a\",\"body\":{\"n\":1}}\n\n");
        gateway.stubFor(post("/api/v1/a").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        gateway.stubFor(post("/api/v1/a").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201)));
        gateway.stubFor(post("/api/v1/b").willReturn(aResponse().withStatus(200)));

        List<SeedLoader.SeedRequest> requests = SeedLoader.read(dir);
        assertThat(requests).extracting(SeedLoader.SeedRequest::key).containsExactly("k-a", "k-b");

        SeedLoader.Outcome outcome = loader().load(requests);
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.created()).isEqualTo(1);
        assertThat(outcome.replayed()).isEqualTo(1);
        gateway.verify(2, postRequestedFor(urlEqualTo("/api/v1/a"))
                .withHeader("Idempotency-Key", equalTo("k-a"))
                .withHeader("Authorization", equalTo("Bearer demo-key"))
                .withRequestBody(equalToJson("{\"n\":1}")));
    }

    @Test
    void aClientErrorIsReportedWithItsLineAndNotRetried() throws Exception {
        Files.writeString(dir.resolve("010-a.jsonl"), "{\"path\":\"/api/v1/a\",\"key\":\"k-a\",\"body\":{}}\n");
        gateway.stubFor(post("/api/v1/a").willReturn(aResponse().withStatus(400).withBody("{\"detail\":\"name\"}")));

        SeedLoader.Outcome outcome = loader().load(SeedLoader.read(dir));
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.failures()).singleElement().asString().contains("010-a.jsonl:1").contains("400");
        gateway.verify(1, postRequestedFor(urlEqualTo("/api/v1/a")));
    }

    @Test
    void theShippedDemoFilesAreWellFormed() throws Exception {
        Path data = Path.of("data");
        List<SeedLoader.SeedRequest> requests = SeedLoader.read(data);
        assertThat(requests).isNotEmpty();
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.path()).startsWith("/api/v1/");
            assertThat(r.key()).isNotBlank();
        });
        assertThat(requests.stream().map(SeedLoader.SeedRequest::key).distinct().count()).isEqualTo(requests.size());
    }
}
