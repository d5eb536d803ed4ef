package org.lianfang.quarantine.referral;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.contracts.quarantine.ReferralStatus;
import org.lianfang.quarantine.QuarantineSpringTest;
import org.lianfang.quarantine.referral.outbox.FeverClinicClient;
import org.lianfang.quarantine.referral.outbox.ReferralDispatcher;
import org.lianfang.quarantine.referral.outbox.ReferralOutbox;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The fever clinic's faults that {@link FeverReferralDeliveryTest} leaves out (issue 12): a 2xx
 * whose body is not a receipt, the breaker's whole cycle as {@code /actuator/prometheus} shows it,
 * and a backlog of hundreds of referrals queued during a long outage that drains exactly once.
 * (The tests' breaker opens for 300 ms of real time, so on a loaded machine how many calls an open
 * breaker spares is not asserted; the state gauges and transitions are.)
 */
class FeverClinicFaultsTest extends QuarantineSpringTest {

    @Autowired
    ReferralDispatcher dispatcher;
    @Autowired
    ReferralOutbox outbox;
    @Autowired
    CircuitBreaker breaker;

    @BeforeEach
    void aWorkingClinic() {
        CLOCK.set(Instant.parse("2020-02-02T02:00:00Z"));
        breaker.reset();
        CLINIC.resetAll();
        acceptEveryReferral(CLINIC);
    }

    @AfterEach
    void leaveTheClinicWorking() {
        CLINIC.resetAll();
        acceptEveryReferral(CLINIC);
        breaker.reset();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "201 | application/json | []",
            "201 | application/json | null",
            "200 | application/json | ''",
            "201 | application/json | {\"referenceId\":42,\"status\":\"ACCEPTED\"}",
            "201 | application/json | {\"referenceId\":\"  \",\"status\":\"ACCEPTED\"}",
            "201 | application/json | {\"reference\":\"FC-1\",\"status\":\"ACCEPTED\"}",
            "201 | application/json | {\"referenceId\":{\"$gt\":\"\"}}",
            "200 | text/html        | <html><body>Accepted</body></html>",
            "201 | application/json | {\"referenceId\":\"FC-1\"",
    })
    void aSuccessWhoseBodyIsNotAReceiptIsRetriedUnderTheSameKeyNeverTakenAsAcceptance(int status, String type,
                                                                                       String body) {
        String caseId = openCase();
        String referralId = fever(caseId);
        CLINIC.stubFor(WireMock.post(REFERRALS_PATH).atPriority(1)
                .withHeader(FeverClinicClient.IDEMPOTENCY_KEY, equalTo(referralId))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", type).withBody(body)));
        awaitInOutbox(referralId);

        dispatcher.dispatch();

        ReferralOutbox.Entry entry = outbox.find(referralId).orElseThrow();
        assertThat(entry.status()).isEqualTo(ReferralStatus.RETRYING);
        assertThat(awaitReferralStatus(caseId, referralId, "RETRYING").get("reason").asText())
                .startsWith("malformed answer");

        CLINIC.resetAll();
        acceptEveryReferral(CLINIC);
        CLOCK.advance(Duration.ofMinutes(15));
        dispatcher.dispatch();

        assertThat(awaitReferralStatus(caseId, referralId, "ACCEPTED").get("clinicReference").asText())
                .isEqualTo("FC-" + referralId);
        assertThat(deliveries(referralId)).hasSize(1).allSatisfy(event -> assertThat(
                event.getRequest().getHeader(FeverClinicClient.IDEMPOTENCY_KEY)).isEqualTo(referralId));
    }

    @Test
    void anEndlessSuccessBodyIsCutOffNotReadIntoMemory() {
        String caseId = openCase();
        String referralId = fever(caseId);
        CLINIC.stubFor(WireMock.post(REFERRALS_PATH).atPriority(1)
                .withHeader(FeverClinicClient.IDEMPOTENCY_KEY, equalTo(referralId))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"referenceId\":\"" + "F".repeat(3_000_000) + "\"}")));
        awaitInOutbox(referralId);

        dispatcher.dispatch();

        ReferralOutbox.Entry entry = outbox.find(referralId).orElseThrow();
        assertThat(entry.status()).isEqualTo(ReferralStatus.RETRYING);
        assertThat(awaitReferralStatus(caseId, referralId, "RETRYING").get("reason").asText())
                .startsWith("malformed answer: larger than");
    }

    @Test
    void theBreakerOpensGoesHalfOpenAndClosesAgainAndPrometheusShowsEachState() {
        List<String> transitions = new CopyOnWriteArrayList<>();
        breaker.getEventPublisher().onStateTransition(event -> transitions.add(event.getStateTransition().name()));
        assertThat(breakerState()).containsEntry("closed", 1.0).containsEntry("open", 0.0);
        CLINIC.stubFor(WireMock.post(REFERRALS_PATH).atPriority(1).willReturn(aResponse().withStatus(500)));
        List<String> referrals = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            referrals.add(fever(openCase()));
        }
        referrals.forEach(this::awaitInOutbox);

        dispatcher.dispatch();

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breakerState()).containsEntry("open", 1.0).containsEntry("closed", 0.0);
        assertThat(prometheus()).containsPattern("resilience4j_circuitbreaker_calls_seconds_count\\{kind=\"failed\","
                + "name=\"fever-clinic\"[^}]*} ([6-9]|[1-9][0-9])");

        CLINIC.resetAll();
        acceptEveryReferral(CLINIC);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(400)).until(() -> {
            CLOCK.advance(Duration.ofMinutes(20));
            dispatcher.dispatch();
            return referrals.stream().allMatch(id -> outbox.find(id).orElseThrow().status() == ReferralStatus.ACCEPTED);
        });

        assertThat(transitions).containsSubsequence("CLOSED_TO_OPEN", "OPEN_TO_HALF_OPEN", "HALF_OPEN_TO_CLOSED");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breakerState()).containsEntry("closed", 1.0).containsEntry("open", 0.0)
                .containsEntry("half_open", 0.0);
        assertThat(prometheus()).containsPattern("resilience4j_circuitbreaker_calls_seconds_count\\{kind=\"successful\","
                + "name=\"fever-clinic\"[^}]*} [1-9]");
        referrals.forEach(id -> assertThat(deliveries(id).stream()
                .filter(event -> event.getResponse().getStatus() == 201)).hasSize(1));
    }

    @Test
    void aBacklogOfHundredsQueuedDuringALongOutageDrainsExactlyOnceWhenTheClinicReturns() {
        int backlog = 200;
        CLINIC.stubFor(WireMock.post(REFERRALS_PATH).atPriority(1).willReturn(aResponse().withStatus(503)));
        List<String> referrals = new ArrayList<>();
        for (int i = 0; i < backlog; i++) {
            referrals.add(fever(openCase()));
        }
        referrals.forEach(this::awaitInOutbox);

        for (int round = 0; round < 12; round++) {
            CLOCK.advance(Duration.ofMinutes(20));
            dispatcher.dispatch();
        }
        assertThat(referrals).allSatisfy(id -> assertThat(outbox.find(id).orElseThrow().status())
                .isEqualTo(ReferralStatus.RETRYING));
        assertThat(CLINIC.getAllServeEvents()).as("4 hours of outage: nothing was accepted")
                .allSatisfy(event -> assertThat(event.getResponse().getStatus()).isEqualTo(503));

        CLINIC.resetAll();
        acceptEveryReferral(CLINIC);
        waitOutTheOpenBreaker();
        int rounds = 0;
        while (referrals.stream().anyMatch(id -> outbox.find(id).orElseThrow().status() != ReferralStatus.ACCEPTED)
                && rounds < 40) {
            CLOCK.advance(Duration.ofMinutes(20));
            dispatcher.dispatch();
            rounds++;
        }
        for (int round = 0; round < 3; round++) {
            CLOCK.advance(Duration.ofHours(1));
            dispatcher.dispatch();
        }

        assertThat(rounds).as("50 a round: the backlog drains in a few rounds").isLessThanOrEqualTo(backlog / 50 + 3);
        Map<String, Integer> accepted = new HashMap<>();
        for (ServeEvent event : CLINIC.getAllServeEvents()) {
            if (event.getResponse().getStatus() == 201) {
                accepted.merge(event.getRequest().getHeader(FeverClinicClient.IDEMPOTENCY_KEY), 1, Integer::sum);
            }
        }
        assertThat(accepted).as("every referral reached the clinic").containsOnlyKeys(referrals);
        assertThat(accepted.values()).as("and exactly once").containsOnly(1);
        assertThat(referrals).allSatisfy(id -> assertThat(outbox.find(id).orElseThrow().clinicReference())
                .isEqualTo("FC-" + id));
    }

    /**
     * The breaker stays open for real time (300 ms in tests), not for the simulated clock: drain
     * rounds that run while it is still open would only reschedule the backlog, and how many
     * do depends on the machine's speed. In real life the open period passes long before the
     * next 20-minute round, so wait it out.
     */
    private void waitOutTheOpenBreaker() {
        if (breaker.getState() != CircuitBreaker.State.OPEN) {
            return;
        }
        long openForMillis = breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
        try {
            Thread.sleep(openForMillis + 100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Double> breakerState() {
        Map<String, Double> states = new HashMap<>();
        Matcher lines = Pattern.compile("resilience4j_circuitbreaker_state\\{([^}]*)} ([0-9.]+)").matcher(prometheus());
        while (lines.find()) {
            if (lines.group(1).contains("name=\"fever-clinic\"")) {
                Matcher state = Pattern.compile("state=\"([a-z_]+)\"").matcher(lines.group(1));
                if (state.find()) {
                    states.put(state.group(1), Double.parseDouble(lines.group(2)));
                }
            }
        }
        assertThat(states).as("resilience4j_circuitbreaker_state for fever-clinic on /actuator/prometheus").isNotEmpty();
        return states;
    }

    private String prometheus() {
        HttpResponse<String> scrape = get("/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        return scrape.body();
    }

    private List<ServeEvent> deliveries(String referralId) {
        return CLINIC.getAllServeEvents().stream()
                .filter(event -> referralId.equals(event.getRequest().getHeader(FeverClinicClient.IDEMPOTENCY_KEY)))
                .toList();
    }

    private String openCase() {
        HttpResponse<String> created = post("/api/v1/quarantines", "{\"personId\":\"" + UUID.randomUUID()
                + "\",\"arrivalDate\":\"2020-02-01\",\"kind\":\"HOME\",\"reason\":\"close contact\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asText();
    }

    private String fever(String caseId) {
        HttpResponse<String> reading = post("/api/v1/quarantines/" + caseId + "/temperatures",
                "{\"celsius\":38.2,\"method\":\"AXILLARY\",\"medic\":\"medic-1\",\"occurredAt\":\"" + CLOCK.instant()
                        + "\"}", "X-Actor", "medic-1", "X-Actor-Role", "medic");
        assertThat(reading.statusCode()).as(reading.body()).isEqualTo(200);
        return json(reading).get("referrals").get(0).get("referralId").asText();
    }

    private void awaitInOutbox(String referralId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> outbox.find(referralId).isPresent());
    }

    private JsonNode awaitReferralStatus(String caseId, String referralId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(referral(caseId, referralId)
                .get("status").asText()).isEqualTo(status));
        return referral(caseId, referralId);
    }

    private JsonNode referral(String caseId, String referralId) {
        for (JsonNode referral : json(get("/api/v1/quarantines/" + caseId)).get("referrals")) {
            if (referral.get("referralId").asText().equals(referralId)) {
                return referral;
            }
        }
        throw new AssertionError("no referral " + referralId + " on case " + caseId);
    }
}
