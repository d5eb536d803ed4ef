package org.lianfang.quarantine.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.quarantine.ReferralStatus;
import org.lianfang.quarantine.QuarantineApplication;
import org.lianfang.quarantine.QuarantineSpringTest;
import org.lianfang.quarantine.referral.outbox.FeverClinicClient;
import org.lianfang.quarantine.referral.outbox.ReferralDispatcher;
import org.lianfang.quarantine.referral.outbox.ReferralOutbox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The outbox is the database, not memory: a referral that could not be delivered before the
 * instance went away is delivered by the next instance, once, and the first instance, still
 * running, does not send it again.
 */
class ReferralsAcrossRestartTest extends QuarantineSpringTest {

    @Autowired
    ReferralDispatcher dispatcher;
    @Autowired
    ReferralOutbox outbox;
    @Autowired
    CircuitBreaker breaker;

    @Test
    void aReferralWaitingWhenTheServiceStopsIsDeliveredOnceByTheNextInstance() {
        CLOCK.set(Instant.parse("2020-02-10T02:00:00Z"));
        breaker.reset();
        CLINIC.resetAll();
        CLINIC.stubFor(WireMock.post(REFERRALS_PATH).atPriority(1).willReturn(WireMock.aResponse().withStatus(500)));
        try {
            HttpResponse<String> created = post("/api/v1/quarantines", "{\"personId\":\"" + UUID.randomUUID()
                    + "\",\"arrivalDate\":\"2020-02-09\",\"kind\":\"HOME\",\"reason\":\"close contact\"}");
            String caseId = json(created).get("id").asText();
            HttpResponse<String> fever = post("/api/v1/quarantines/" + caseId + "/temperatures",
                    "{\"celsius\":38.6,\"method\":\"ORAL\",\"occurredAt\":\"2020-02-10T01:30:00Z\"}",
                    "X-Actor", "medic-1", "X-Actor-Role", "medic");
            assertThat(fever.statusCode()).as(fever.body()).isEqualTo(200);
            String referralId = json(fever).get("referrals").get(0).get("referralId").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.find(referralId).isPresent());
            dispatcher.dispatch();
            assertThat(outbox.find(referralId).orElseThrow().status()).isEqualTo(ReferralStatus.RETRYING);

            CLINIC.resetAll();
            acceptEveryReferral(CLINIC);
            CLOCK.advance(Duration.ofMinutes(5));
            List<String> args = new ArrayList<>(List.of("--server.port=0", "--lianfang.mongodb.uri=" + STORE_URI,
                    "--lianfang.mongodb.write-concern=w1", "--quarantine.checks.sweep-interval=1h"));
            clinicSettings().forEach((key, value) -> args.add("--" + key + "=" + value));
            try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(QuarantineApplication.class,
                    QuarantineSpringTest.TestClock.class).run(args.toArray(String[]::new))) {
                restarted.getBean(ReferralDispatcher.class).dispatch();
                dispatcher.dispatch();
                restarted.getBean(ReferralDispatcher.class).dispatch();
            }
            dispatcher.dispatch();

            assertThat(CLINIC.getAllServeEvents()).filteredOn(event -> referralId.equals(
                    event.getRequest().getHeader(FeverClinicClient.IDEMPOTENCY_KEY))).hasSize(1);
            ReferralOutbox.Entry delivered = outbox.find(referralId).orElseThrow();
            assertThat(delivered.status()).isEqualTo(ReferralStatus.ACCEPTED);
            assertThat(delivered.attempts()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(get(
                    "/api/v1/quarantines/" + caseId)).get("referrals").get(0).get("status").asText())
                    .isEqualTo("ACCEPTED"));
        } finally {
            CLINIC.resetAll();
            acceptEveryReferral(CLINIC);
        }
    }
}
