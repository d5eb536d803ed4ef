package org.lianfang.seeds;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

class SeedLoaderTest {

    static final Map<String, String> KEYS = Map.of("operator", "op-key", "medic", "medic-key");
    static final Instant NOW = Instant.parse("2026-11-29T04:00:00Z");

    WireMockServer gateway;
    List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());
    List<SeedLoader.Progress> progress = Collections.synchronizedList(new ArrayList<>());

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

    SeedLoader loader() {
        return loader(1);
    }

    SeedLoader loader(int parallelism) {
        return new SeedLoader(URI.create(gateway.baseUrl()), KEYS, new SeedLoader.Settings(4, Duration.ofMillis(100),
                Duration.ofMillis(1000), Duration.ofMillis(50), Duration.ofMillis(200), ZoneId.of("Asia/Shanghai"),
                Clock.fixed(NOW, ZoneId.of("UTC")), sleeps::add, parallelism));
    }

    SeedLoader.Outcome load(String... lines) throws Exception {
        Files.writeString(dir.resolve("010-test.jsonl"), String.join("\n", lines) + "\n");
        return loader().load(SeedFiles.read(dir), progress::add);
    }

    @Test
    void fillsPlaceholdersFromEarlierAnswersAndSendsEachLineAsItsRole() throws Exception {
        gateway.stubFor(post("/api/v1/compounds").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"compound-7\",\"size\":3}")));
        gateway.stubFor(post("/api/v1/compounds/compound-7/grid-roles").willReturn(okJson("{}")));

        SeedLoader.Outcome outcome = load(
                "{\"key\":\"c1\",\"as\":\"operator\",\"path\":\"/api/v1/compounds\",\"body\":{\"name\":\"安国小区\"}}",
                "{\"key\":\"c1-role\",\"as\":\"medic\",\"path\":\"/api/v1/compounds/${c1:/id}/grid-roles\","
                        + "\"body\":{\"of\":\"${c1:/id}\",\"size\":\"${c1:/size}\",\"label\":\"n=${c1:/size}\","
                        + "\"at\":\"${today-1d@08:00}\",\"day\":\"${today}\"}}");

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.created()).isEqualTo(2);
        gateway.verify(postRequestedFor(urlEqualTo("/api/v1/compounds"))
                .withHeader("Authorization", equalTo("Bearer op-key"))
                .withHeader("Idempotency-Key", equalTo("c1")));
        // 04:00 UTC is 12:00 in Shanghai on 29 Nov; the day before at 08:00 there is 00:00 UTC on the 28th
        gateway.verify(postRequestedFor(urlEqualTo("/api/v1/compounds/compound-7/grid-roles"))
                .withHeader("Authorization", equalTo("Bearer medic-key"))
                .withRequestBody(equalToJson("{\"of\":\"compound-7\",\"size\":3,\"label\":\"n=3\","
                        + "\"at\":\"2026-11-28T00:00:00Z\",\"day\":\"2026-11-29\"}")));
    }

    @Test
    void sendsALineWithADuringWindowOnlyWhileTheLoadersClockIsInIt() throws Exception {
        gateway.stubFor(post(urlPathMatching("/api/v1/shifts/.*")).willReturn(aResponse().withStatus(201)));

        // 04:00 UTC = 12:00 in Shanghai: the 08-16 shift is now, the 00-08 one is over, the 16-24 one ahead
        SeedLoader.Outcome outcome = load(
                "{\"key\":\"s1\",\"as\":\"operator\",\"path\":\"/api/v1/shifts/early\",\"body\":{},"
                        + "\"during\":[\"${today}\",\"${today@08:00}\"]}",
                "{\"key\":\"s2\",\"as\":\"operator\",\"path\":\"/api/v1/shifts/day\",\"body\":{},"
                        + "\"during\":[\"${today@08:00}\",\"${today@16:00}\"]}",
                "{\"key\":\"s3\",\"as\":\"operator\",\"path\":\"/api/v1/shifts/late\",\"body\":{},"
                        + "\"during\":[\"${today@16:00}\",\"${today+1d}\"]}");

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.created()).isEqualTo(1);
        assertThat(outcome.skipped()).isEqualTo(2);
        gateway.verify(1, postRequestedFor(urlPathMatching("/api/v1/shifts/.*")));
        gateway.verify(postRequestedFor(urlEqualTo("/api/v1/shifts/day")));
    }

    @Test
    void aKeyHoldingTodayIsSentWithTheDayAndReferredToAsWritten() throws Exception {
        gateway.stubFor(post("/api/v1/passes").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"pass-9\"}")));
        gateway.stubFor(post("/api/v1/checkpoints/c/crossings").willReturn(aResponse().withStatus(201)));

        SeedLoader.Outcome outcome = load(
                "{\"key\":\"pass-${today}\",\"as\":\"operator\",\"path\":\"/api/v1/passes\",\"body\":{}}",
                "{\"key\":\"pass-${today}-out\",\"as\":\"operator\",\"path\":\"/api/v1/checkpoints/c/crossings\","
                        + "\"body\":{\"passId\":\"${pass-${today}:/id}\",\"tabletId\":\"t-${today}\"}}");

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.created()).isEqualTo(2);
        assertThat(outcome.createdKeys()).containsExactly("pass-2026-11-29", "pass-2026-11-29-out");
        gateway.verify(postRequestedFor(urlEqualTo("/api/v1/passes"))
                .withHeader("Idempotency-Key", equalTo("pass-2026-11-29")));
        gateway.verify(postRequestedFor(urlEqualTo("/api/v1/checkpoints/c/crossings"))
                .withHeader("Idempotency-Key", equalTo("pass-2026-11-29-out"))
                .withRequestBody(equalToJson("{\"passId\":\"pass-9\",\"tabletId\":\"t-2026-11-29\"}")));
    }

    @Test
    void aDuringWindowMustBeTwoTimes() throws Exception {
        Files.writeString(dir.resolve("010-test.jsonl"),
                "{\"key\":\"s1\",\"as\":\"operator\",\"path\":\"/api/v1/a\",\"during\":[\"${today}\"]}\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeedFiles.read(dir))
                .hasMessageContaining("during");
    }

    @Test
    void retriesServiceUnavailableWithTheSameKeyAndAGrowingBackoff() throws Exception {
        gateway.stubFor(post("/api/v1/a").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        gateway.stubFor(post("/api/v1/a").inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        gateway.stubFor(post("/api/v1/a").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201)));

        SeedLoader.Outcome outcome = load("{\"key\":\"k-a\",\"as\":\"operator\",\"path\":\"/api/v1/a\",\"body\":{\"n\":1}}");

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.created()).isEqualTo(1);
        assertThat(sleeps).containsExactly(100L, 200L);
        gateway.verify(3, postRequestedFor(urlEqualTo("/api/v1/a")).withHeader("Idempotency-Key", equalTo("k-a"))
                .withRequestBody(equalToJson("{\"n\":1}")));
    }

    @Test
    void honoursRetryAfterOnTooManyRequestsAndRetriesAKeyStillInFlight() throws Exception {
        gateway.stubFor(post("/api/v1/a").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("in-flight"));
        gateway.stubFor(post("/api/v1/a").inScenario("busy").whenScenarioStateIs("in-flight")
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://lianfang.org/problems/idempotency-in-flight\"}"))
                .willSetStateTo("done"));
        gateway.stubFor(post("/api/v1/a").inScenario("busy").whenScenarioStateIs("done")
                .willReturn(aResponse().withStatus(201)));

        SeedLoader.Outcome outcome = load("{\"key\":\"k-a\",\"as\":\"operator\",\"path\":\"/api/v1/a\",\"body\":{}}");

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.created()).isEqualTo(1);
        assertThat(sleeps).containsExactly(1000L, 200L);
    }

    @Test
    void aReplayedOrConflictingAnswerCountsAsPresentAndItsBodyStillFillsPlaceholders() throws Exception {
        gateway.stubFor(post("/api/v1/persons").willReturn(aResponse().withStatus(201)
                .withHeader(SeedLoader.REPLAYED_HEADER, "true").withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"p-1\"}")));
        gateway.stubFor(post("/api/v1/persons/p-1/notices").willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://lianfang.org/problems/rule-violation\",\"rule\":\"notice-already-signed\"}")));

        SeedLoader.Outcome outcome = load(
                "{\"key\":\"p\",\"as\":\"operator\",\"path\":\"/api/v1/persons\",\"body\":{}}",
                "{\"key\":\"p-n\",\"as\":\"operator\",\"path\":\"/api/v1/persons/${p:/id}/notices\",\"body\":{}}");

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.created()).isZero();
        assertThat(outcome.createdKeys()).isEmpty();
        assertThat(outcome.present()).isEqualTo(2);
        assertThat(outcome.conflicts()).singleElement().asString().contains("010-test.jsonl:2").contains("notice-already-signed");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void waitsUntilAnAsynchronousProjectionHasTheValueThenUsesIt() throws Exception {
        gateway.stubFor(get(urlPathMatching("/api/v1/quarantines")).inScenario("case").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"items\":[]}")).willSetStateTo("started"));
        gateway.stubFor(get(urlPathMatching("/api/v1/quarantines")).inScenario("case").whenScenarioStateIs("started")
                .willReturn(okJson("{\"items\":[{\"id\":\"case-9\"}]}")));
        gateway.stubFor(post("/api/v1/quarantines/case-9/temperatures").willReturn(okJson("{}")));

        SeedLoader.Outcome outcome = load(
                "{\"key\":\"w\",\"as\":\"medic\",\"method\":\"GET\",\"path\":\"/api/v1/quarantines?personId=p-1\",\"until\":\"/items/0/id\"}",
                "{\"key\":\"t\",\"as\":\"medic\",\"path\":\"/api/v1/quarantines/${w:/items/0/id}/temperatures\",\"body\":{\"celsius\":36.5}}");

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.waited()).isEqualTo(1);
        assertThat(outcome.created()).isEqualTo(1);
        gateway.verify(2, getRequestedFor(urlEqualTo("/api/v1/quarantines?personId=p-1"))
                .withHeader("Idempotency-Key", absent()));
        gateway.verify(postRequestedFor(urlEqualTo("/api/v1/quarantines/case-9/temperatures"))
                .withRequestBody(equalToJson("{\"celsius\":36.5}")));
    }

    @Test
    void aWaitThatNeverSeesItsValueFailsAndItsDependentsAreNotSent() throws Exception {
        gateway.stubFor(get(urlPathMatching("/api/v1/quarantines")).willReturn(okJson("{\"items\":[]}")));

        SeedLoader.Outcome outcome = load(
                "{\"key\":\"w\",\"as\":\"medic\",\"method\":\"GET\",\"path\":\"/api/v1/quarantines?personId=p\",\"until\":\"/items/0/id\"}",
                "{\"key\":\"t\",\"as\":\"medic\",\"path\":\"/api/v1/quarantines/${w:/items/0/id}/temperatures\",\"body\":{}}");

        assertThat(outcome.failures()).hasSize(2);
        assertThat(outcome.failures().get(0)).contains("010-test.jsonl:1").contains("still nothing at /items/0/id");
        assertThat(outcome.failures().get(1)).contains("010-test.jsonl:2").contains("not sent").contains("needs w");
        gateway.verify(0, postRequestedFor(urlPathMatching("/api/v1/quarantines/.*")));
    }

    @Test
    void aClientErrorIsAFailureWithItsLineNotRetriedAndTheLoadGoesOn() throws Exception {
        gateway.stubFor(post("/api/v1/a").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"detail\":\"name is blank\"}")));
        gateway.stubFor(post("/api/v1/b").willReturn(aResponse().withStatus(201)));

        SeedLoader.Outcome outcome = load(
                "{\"key\":\"a\",\"as\":\"operator\",\"path\":\"/api/v1/a\",\"body\":{}}",
                "{\"key\":\"b\",\"as\":\"operator\",\"path\":\"/api/v1/b\",\"body\":{}}");

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.created()).isEqualTo(1);
        assertThat(outcome.failures()).singleElement().asString()
                .contains("010-test.jsonl:1 POST /api/v1/a").contains("400").contains("name is blank");
        gateway.verify(1, postRequestedFor(urlEqualTo("/api/v1/a")));
        assertThat(progress).extracting(SeedLoader.Progress::percent).containsExactly(50, 100);
        assertThat(progress.get(1).failed()).isEqualTo(1);
    }

    @Test
    void serverErrorsThatOutlastTheAttemptsAreAFailure() throws Exception {
        gateway.stubFor(post("/api/v1/a").willReturn(aResponse().withStatus(503)));

        SeedLoader.Outcome outcome = load("{\"key\":\"a\",\"as\":\"operator\",\"path\":\"/api/v1/a\",\"body\":{}}");

        assertThat(outcome.failures()).singleElement().asString().contains("503").contains("after 4 attempts");
        assertThat(sleeps).containsExactly(100L, 200L, 400L);
    }

    @Test
    void theCommandPrintsProgressAndTheFirstFailuresAndExitsNonZero() throws Exception {
        Files.writeString(dir.resolve("010-a.jsonl"), "{\"key\":\"a\",\"as\":\"operator\",\"path\":\"/api/v1/a\",\"body\":{}}\n"
                + "{\"key\":\"b\",\"as\":\"medic\",\"path\":\"/api/v1/b\",\"body\":{}}\n");
        gateway.stubFor(post("/api/v1/a").willReturn(aResponse().withStatus(201)));
        gateway.stubFor(post("/api/v1/b").willReturn(aResponse().withStatus(422).withBody("{\"detail\":\"other body\"}")));
        Path credentials = dir.resolve("demo-credentials.env");
        Files.writeString(credentials, "# demo\nLIANFANG_GATEWAY=http://x\nLIANFANG_MEDIC_KEY=from-file\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = SeedCommand.run(new String[] {"--gateway", gateway.baseUrl(), "--data", dir.toString(),
                "--credentials", credentials.toString()}, Map.of("LIANFANG_SEED_API_KEY", "legacy"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(1);
        assertThat(printed).contains("[ 50%] 1/2").contains("[100%] 2/2")
                .contains("2 requests: 1 created, 0 already present, 0 waits satisfied, 1 failed")
                .contains("010-a.jsonl:2 POST /api/v1/b -> 422");
        gateway.verify(postRequestedFor(urlEqualTo("/api/v1/a")).withHeader("Authorization", equalTo("Bearer legacy")));
        gateway.verify(postRequestedFor(urlEqualTo("/api/v1/b")).withHeader("Authorization", equalTo("Bearer from-file")));
    }

    @Test
    void theCommandSendsNothingWhenARoleHasNoKey() throws Exception {
        Files.writeString(dir.resolve("010-a.jsonl"), "{\"key\":\"a\",\"as\":\"medic\",\"path\":\"/api/v1/a\",\"body\":{}}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = SeedCommand.run(new String[] {"--gateway", gateway.baseUrl(), "--data", dir.toString()},
                Map.of("LIANFANG_OPERATOR_KEY", "op"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("[medic]").contains("LIANFANG_MEDIC_KEY");
        assertThat(gateway.getAllServeEvents()).isEmpty();
    }

    @Test
    void inParallelTheStepsOfOneThingKeepTheirOrderAndAPhaseEndsBeforeTheNextBegins() throws Exception {
        for (String order : List.of("o1", "o2", "o3")) {
            gateway.stubFor(post("/api/v1/deliveries").withRequestBody(equalToJson("{\"n\":\"" + order + "\"}"))
                    .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withBody("{\"id\":\"" + order + "\"}")));
        }
        gateway.stubFor(post(urlPathMatching("/api/v1/deliveries/.*/acceptance")).willReturn(okJson("{}").withFixedDelay(150)));
        gateway.stubFor(post(urlPathMatching("/api/v1/deliveries/.*/(pickup|drop-off)")).willReturn(okJson("{}")));
        gateway.stubFor(post("/api/v1/board").willReturn(okJson("{}")));
        StringBuilder first = new StringBuilder();
        for (String order : List.of("o1", "o2", "o3")) {
            first.append("{\"key\":\"").append(order).append("\",\"as\":\"operator\",\"path\":\"/api/v1/deliveries\",\"body\":{\"n\":\"")
                    .append(order).append("\"}}\n");
            for (String step : List.of("acceptance", "pickup", "drop-off")) {
                first.append("{\"key\":\"").append(order).append('-').append(step).append("\",\"as\":\"operator\",\"path\":\"/api/v1/deliveries/${")
                        .append(order).append(":/id}/").append(step).append("\"}\n");
            }
        }
        Files.writeString(dir.resolve("010-orders.jsonl"), first.toString());
        Files.writeString(dir.resolve("020-board.jsonl"), "{\"key\":\"b\",\"as\":\"operator\",\"path\":\"/api/v1/board\"}\n");

        SeedLoader.Outcome outcome = loader(4).load(SeedFiles.read(dir), progress::add);

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.created()).isEqualTo(13);
        List<String> sent = new ArrayList<>(gateway.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .map(r -> r.getUrl() + (r.getUrl().equals("/api/v1/deliveries") ? "#" + r.getBodyAsString() : "")).toList());
        Collections.reverse(sent);
        assertThat(sent).hasSize(13).last().isEqualTo("/api/v1/board");
        for (String order : List.of("o1", "o2", "o3")) {
            int placed = indexOf(sent, "#{\"n\":\"" + order + "\"}");
            int accepted = sent.indexOf("/api/v1/deliveries/" + order + "/acceptance");
            int picked = sent.indexOf("/api/v1/deliveries/" + order + "/pickup");
            int dropped = sent.indexOf("/api/v1/deliveries/" + order + "/drop-off");
            assertThat(List.of(placed, accepted, picked, dropped)).as(order + " in " + sent).isSorted().doesNotContain(-1);
        }
        assertThat(progress).extracting(SeedLoader.Progress::done).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 13).boxed().toList());
    }

    private static int indexOf(List<String> sent, String suffix) {
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i).endsWith(suffix)) {
                return i;
            }
        }
        return -1;
    }
}
