package org.lianfang.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.mongodb.client.MongoClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.eventstore.EventStoreSerializers;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.quarantine.cases.command.RegistryArrivals;
import org.lianfang.quarantine.referral.outbox.FeverClinicClient;
import org.lianfang.quarantine.referral.outbox.ReferralDispatcher;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The story's main line: a Wuhan returnee written down by the registry gets a case without anyone
 * asking; the medic reads twice a day for fourteen simulated days; one fever; completion is refused
 * while the period runs and after the fever, then allowed. Replaying the registry opens no second case.
 */
class QuarantineEndToEndTest extends QuarantineSpringTest {

    @Autowired
    MongoClient mongo;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ReferralDispatcher referrals;

    @Test
    void aWuhanReturneeRegisteredInTheRegistryIsQuarantinedForFourteenDaysFromArrival() {
        CLOCK.set(Instant.parse("2020-01-25T02:00:00Z"));
        PersonId returnee = PersonId.random();
        PersonId local = PersonId.random();
        registry(registered(returnee, "411324199003074562", Origin.WUHAN, LocalDate.parse("2020-01-24")),
                registered(local, "440304198512010019", Origin.LOCAL, null));

        String caseId = awaitCaseOf(returnee.value());
        JsonNode opened = json(get("/api/v1/quarantines/" + caseId));
        assertThat(opened.get("personId").asText()).isEqualTo(returnee.value());
        assertThat(opened.get("kind").asText()).isEqualTo("HOME");
        assertThat(opened.get("arrivalDate").asText()).isEqualTo("2020-01-24");
        assertThat(opened.get("endsAt").asText()).isEqualTo("2020-02-06T16:00:00Z");
        assertThat(opened.get("startedBy").asText()).isEqualTo(RegistryArrivals.STARTED_BY);
        assertThat(opened.get("day").asLong()).isEqualTo(2);
        assertThat(opened.get("totalDays").asLong()).isEqualTo(14);

        HttpResponse<String> manual = post("/api/v1/quarantines", "{\"personId\":\"" + returnee.value()
                + "\",\"arrivalDate\":\"2020-01-24\",\"kind\":\"HOME\",\"reason\":\"again\"}");
        assertThat(manual.statusCode()).as(manual.body()).isEqualTo(200);
        assertThat(json(manual).get("id").asText()).isEqualTo(caseId);

        LocalDate day = LocalDate.parse("2020-01-25");
        while (!day.isAfter(LocalDate.parse("2020-02-06"))) {
            Instant morning = day.atTime(8, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
            Instant evening = morning.plus(Duration.ofHours(12));
            String morningValue = day.equals(LocalDate.parse("2020-02-04")) ? "37.8" : "36.5";
            recordAt(caseId, morningValue, morning);
            recordAt(caseId, "36.6", evening);
            day = day.plusDays(1);
        }

        String referralId = json(get("/api/v1/quarantines/" + caseId)).get("referrals").get(0).get("referralId")
                .asText();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            referrals.dispatch();
            assertThat(json(get("/api/v1/quarantines/" + caseId)).get("referrals").get(0).get("status").asText())
                    .as(() -> json(get(REFERRALS_PATH + "/" + referralId)).toString()).isEqualTo("ACCEPTED");
        });
        referrals.dispatch();
        CLINIC.verify(1, WireMock.postRequestedFor(WireMock.urlEqualTo(REFERRALS_PATH))
                .withHeader(FeverClinicClient.IDEMPOTENCY_KEY, WireMock.equalTo(referralId))
                .withRequestBody(WireMock.matchingJsonPath("$.personId", WireMock.equalTo(returnee.value()))));

        CLOCK.set(Instant.parse("2020-02-06T12:00:00Z"));
        HttpResponse<String> tooEarly = post("/api/v1/quarantines/" + caseId + "/completion", "");
        assertThat(tooEarly.statusCode()).as(tooEarly.body()).isEqualTo(409);
        assertThat(json(tooEarly).get("rule").asText()).isEqualTo("quarantine-period-not-over");

        CLOCK.set(Instant.parse("2020-02-06T16:00:00Z"));
        HttpResponse<String> afterFever = post("/api/v1/quarantines/" + caseId + "/completion", "");
        assertThat(afterFever.statusCode()).as(afterFever.body()).isEqualTo(409);
        assertThat(json(afterFever).get("rule").asText()).isEqualTo("recent-fever");
        assertThat(json(afterFever).get("detail").asText()).contains("2020-02-04T00:00:00Z");

        CLOCK.set(Instant.parse("2020-02-07T00:00:00Z"));
        HttpResponse<String> completed = post("/api/v1/quarantines/" + caseId + "/completion", "");
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        assertThat(json(completed).get("status").asText()).isEqualTo("COMPLETED");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                json(get("/api/v1/quarantines/" + caseId)).get("status").asText()).isEqualTo("COMPLETED"));
        JsonNode done = json(get("/api/v1/quarantines/" + caseId));
        assertThat(done.get("readings")).hasSize(26);
        assertThat(done.get("fevers")).hasSize(1);
        assertThat(done.get("fevers").get(0).get("celsius").decimalValue()).isEqualByComparingTo("37.8");
        assertThat(done.get("readings")).filteredOn(r -> r.get("fever").asBoolean()).hasSize(1);
        assertThat(done.get("day").asLong()).isEqualTo(14);
        assertThat(done.get("endedBy").asText()).isEqualTo("operator-1");
        assertThat(done.get("referrals").get(0).get("status").asText()).isEqualTo("ACCEPTED");

        replayRegistry();
        assertThat(json(get("/api/v1/quarantines?personId=" + returnee.value())).get("items")).hasSize(1);
        assertThat(json(get("/api/v1/quarantines?personId=" + local.value())).get("items")).isEmpty();
    }

    private void recordAt(String caseId, String celsius, Instant takenAt) {
        CLOCK.set(takenAt.plus(Duration.ofMinutes(5)));
        HttpResponse<String> response = post("/api/v1/quarantines/" + caseId + "/temperatures",
                "{\"celsius\":" + celsius + ",\"method\":\"FOREHEAD\",\"medic\":\"medic-1\",\"occurredAt\":\""
                        + takenAt + "\"}", "X-Actor", "medic-1", "X-Actor-Role", "medic");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private String awaitCaseOf(String personId) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                json(get("/api/v1/quarantines?personId=" + personId)).get("items")).hasSize(1));
        return json(get("/api/v1/quarantines?personId=" + personId)).get("items").get(0).get("id").asText();
    }

    /** The registry's replay reaches the arrivals handler again; the claim keeps it to one case. */
    private void replayRegistry() {
        TrackingEventProcessor arrivals = processing.eventProcessor(RegistryArrivals.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        arrivals.shutDown();
        arrivals.resetTokens();
        arrivals.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !arrivals.isReplaying()
                && arrivals.processingStatus().values().stream().allMatch(s -> s.isCaughtUp()));
    }

    private void registry(PersonRegistered... events) {
        for (PersonRegistered event : events) {
            publish("registry", "Person", event.personId().value(), 0, event, "anguo-road");
        }
    }

    private static PersonRegistered registered(PersonId id, String number, Origin origin, LocalDate arrival) {
        return new PersonRegistered(id, "王五", ResidentIdNumber.of(number), "19900000001", origin, arrival, "安国小区",
                "1号楼 1单元 100室", "自驾", RegistrationSource.COUNTY_LIST, Instant.parse("2020-01-25T01:00:00Z"), null, "registrar-1");
    }
}
