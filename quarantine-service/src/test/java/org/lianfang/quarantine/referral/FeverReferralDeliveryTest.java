package org.lianfang.quarantine.referral;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.quarantine.ReferralStatus;
import org.lianfang.quarantine.QuarantineSpringTest;
import org.lianfang.quarantine.referral.outbox.FeverClinicClient;
import org.lianfang.quarantine.referral.outbox.ReferralDispatcher;
import org.lianfang.quarantine.referral.outbox.ReferralOutbox;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Fever referrals against a WireMock clinic that misbehaves: 500s, answers slower than the read
 * timeout, reset connections, malformed bodies, refusals and a long outage. Whatever it does, every
 * referral reaches the clinic, each under one {@code Idempotency-Key}, and once the clinic has
 * answered for good nothing more is sent for it.
 */
class FeverReferralDeliveryTest extends QuarantineSpringTest {

    @Autowired
    ReferralDispatcher dispatcher;
    @Autowired
    ReferralOutbox outbox;
    @Autowired
    CircuitBreaker breaker;
    @Autowired
    MeterRegistry meters;

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

    @Test
    void aFeverIsReferredOnceWithItsIdempotencyKeyAndTheCaseShowsTheAcceptance() {
        String caseId = openCase();
        String referralId = fever(caseId);
        awaitInOutbox(referralId);

        assertThat(dispatcher.dispatch()).isGreaterThanOrEqualTo(1);
        dispatcher.dispatch();
        CLOCK.advance(Duration.ofHours(1));
        dispatcher.dispatch();

        assertThat(deliveries(referralId)).hasSize(1);
        CLINIC.verify(1, postRequestedFor(urlEqualTo(REFERRALS_PATH))
                .withHeader(FeverClinicClient.IDEMPOTENCY_KEY, equalTo(referralId))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.caseId", equalTo(caseId)))
                .withRequestBody(matchingJsonPath("$.celsius", equalTo("38.2")))
                .withRequestBody(matchingJsonPath("$.communityId", equalTo("anguo-road"))));
        JsonNode referral = awaitReferralStatus(caseId, referralId, "ACCEPTED");
        assertThat(referral.get("clinicReference").asText()).isEqualTo("FC-" + referralId);
        assertThat(outbox.find(referralId).orElseThrow().attempts()).isEqualTo(1);
        assertThat(json(get(REFERRALS_PATH + "/" + referralId)).get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void errorsTimeoutsResetsAndMalformedAnswersAreRetriedWithBackoffUnderTheSameKey() {
        String caseId = openCase();
        String referralId = fever(caseId);
        String scenario = "faults-" + referralId;
        String[] states = {Scenario.STARTED, "slow", "reset", "malformed", "empty", "recovered"};
        CLINIC.stubFor(fault(referralId, scenario, states[0], states[1]).willReturn(aResponse().withStatus(500)));
        CLINIC.stubFor(fault(referralId, scenario, states[1], states[2]).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"referenceId\":\"FC-late\",\"status\":\"ACCEPTED\"}").withFixedDelay(7_000)));
        CLINIC.stubFor(fault(referralId, scenario, states[2], states[3])
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        CLINIC.stubFor(fault(referralId, scenario, states[3], states[4]).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"referenceId\":")));
        CLINIC.stubFor(fault(referralId, scenario, states[4], states[5])
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        awaitInOutbox(referralId);

        dispatcher.dispatch();
        assertThat(awaitReferralStatus(caseId, referralId, "RETRYING").get("reason").asText()).isEqualTo("HTTP 500");
        dispatcher.dispatch();
        assertThat(deliveries(referralId)).as("the backoff is respected").hasSize(1);
        for (int attempt = 2; attempt <= 6; attempt++) {
            CLOCK.advance(Duration.ofMinutes(15));
            dispatcher.dispatch();
            assertThat(deliveries(referralId)).hasSize(attempt);
        }
        CLOCK.advance(Duration.ofMinutes(15));
        dispatcher.dispatch();

        List<ServeEvent> deliveries = deliveries(referralId);
        assertThat(deliveries).hasSize(6);
        assertThat(deliveries).allSatisfy(event -> assertThat(event.getRequest()
                .getHeader(FeverClinicClient.IDEMPOTENCY_KEY)).isEqualTo(referralId));
        ReferralOutbox.Entry entry = outbox.find(referralId).orElseThrow();
        assertThat(entry.status()).isEqualTo(ReferralStatus.ACCEPTED);
        assertThat(entry.attempts()).isEqualTo(6);
        assertThat(awaitReferralStatus(caseId, referralId, "ACCEPTED").get("attempts").asInt()).isEqualTo(6);
    }

    @Test
    void instancesDeliveringAtTheSameTimeSendAReferralOnce() throws Exception {
        String caseId = openCase();
        String referralId = fever(caseId);
        CLINIC.stubFor(WireMock.post(REFERRALS_PATH).atPriority(1)
                .withHeader(FeverClinicClient.IDEMPOTENCY_KEY, equalTo(referralId))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"referenceId\":\"FC-slow\",\"status\":\"ACCEPTED\"}").withFixedDelay(1_500)));
        awaitInOutbox(referralId);

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<Integer>> rounds = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                rounds.add(pool.submit(dispatcher::dispatch));
            }
            for (java.util.concurrent.Future<Integer> round : rounds) {
                round.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(deliveries(referralId)).hasSize(1);
        assertThat(awaitReferralStatus(caseId, referralId, "ACCEPTED").get("clinicReference").asText())
                .isEqualTo("FC-slow");
    }

    @Test
    void aRefusalIsFinalAndTheCaseShowsIt() {
        String caseId = openCase();
        String referralId = fever(caseId);
        CLINIC.stubFor(WireMock.post(REFERRALS_PATH).atPriority(1)
                .withHeader(FeverClinicClient.IDEMPOTENCY_KEY, equalTo(referralId))
                .willReturn(aResponse().withStatus(422).withBody("unknown community")));
        awaitInOutbox(referralId);

        dispatcher.dispatch();
        CLOCK.advance(Duration.ofHours(2));
        dispatcher.dispatch();

        assertThat(deliveries(referralId)).hasSize(1);
        JsonNode referral = awaitReferralStatus(caseId, referralId, "FAILED");
        assertThat(referral.get("reason").asText()).contains("422").contains("unknown community");
    }

    @Test
    void aLongOutageThenRecoveryLosesNothingAndDuplicatesNothing() {
        List<String> cases = new ArrayList<>();
        List<String> referrals = new ArrayList<>();
        CLINIC.stubFor(WireMock.post(REFERRALS_PATH).atPriority(1).willReturn(aResponse().withStatus(503)));
        for (int i = 0; i < 4; i++) {
            String caseId = openCase();
            cases.add(caseId);
            referrals.add(fever(caseId));
        }
        referrals.forEach(this::awaitInOutbox);
        double openBefore = meters.counter("quarantine.referrals.deliveries", "outcome", "circuit_open").count();

        for (int round = 0; round < 8; round++) {
            CLOCK.advance(Duration.ofMinutes(20));
            dispatcher.dispatch();
        }
        assertThat(meters.counter("quarantine.referrals.deliveries", "outcome", "circuit_open").count())
                .as("the breaker opened during the outage").isGreaterThan(openBefore);
        referrals.forEach(id -> assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(ReferralStatus.RETRYING));

        CLINIC.resetAll();
        acceptEveryReferral(CLINIC);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            CLOCK.advance(Duration.ofMinutes(20));
            dispatcher.dispatch();
            return referrals.stream().allMatch(id -> outbox.find(id).orElseThrow().status() == ReferralStatus.ACCEPTED);
        });
        List<Integer> deliveredWhenAccepted = referrals.stream().map(id -> deliveries(id).size()).toList();
        for (int round = 0; round < 3; round++) {
            CLOCK.advance(Duration.ofHours(1));
            dispatcher.dispatch();
        }

        for (int i = 0; i < referrals.size(); i++) {
            String id = referrals.get(i);
            assertThat(deliveries(id)).as("nothing is sent once the clinic has answered")
                    .hasSize(deliveredWhenAccepted.get(i));
            assertThat(deliveries(id)).as("one referral at the clinic: every call under its one key")
                    .isNotEmpty().allSatisfy(event -> assertThat(event.getResponse().getStatus()).isEqualTo(201));
            assertThat(awaitReferralStatus(cases.get(i), id, "ACCEPTED").get("clinicReference").asText())
                    .isEqualTo("FC-" + id);
        }
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder fault(String key, String scenario,
                                                                                String state, String next) {
        return WireMock.post(REFERRALS_PATH).atPriority(1).withHeader(FeverClinicClient.IDEMPOTENCY_KEY, equalTo(key))
                .inScenario(scenario).whenScenarioStateIs(state).willSetStateTo(next);
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
        JsonNode referrals = json(reading).get("referrals");
        assertThat(referrals).hasSize(1);
        assertThat(referrals.get(0).get("status").asText()).isEqualTo("PENDING");
        return referrals.get(0).get("referralId").asText();
    }

    private void awaitInOutbox(String referralId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.find(referralId).isPresent());
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
