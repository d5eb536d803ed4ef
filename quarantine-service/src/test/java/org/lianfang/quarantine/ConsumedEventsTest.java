package org.lianfang.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.checkpoint.QuarantineBreachAttempted;
import org.lianfang.contracts.quarantine.QuarantineBreachRecorded;
import org.lianfang.contracts.quarantine.SupplyDeliveryProgressed;
import org.lianfang.contracts.quarantine.SupplyRequested;
import org.lianfang.contracts.registry.CausingEvent;
import org.lianfang.contracts.registry.ColourOwner;
import org.lianfang.contracts.registry.HouseholdMemberAdded;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.OwnerRole;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.contracts.registry.RiskColourChanged;
import org.lianfang.contracts.volunteer.DeliveryOrderId;
import org.lianfang.contracts.volunteer.DeliveryProgressed;
import org.lianfang.contracts.volunteer.DeliveryStage;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The events other services publish, appended to their own stores, which this service tracks
 * read-only: breach attempts from checkpoint-service, deliveries from volunteer-service, colours
 * from the registry. Each lands on the case once, however often it is delivered.
 */
class ConsumedEventsTest extends QuarantineSpringTest {

    private static final String CASES = "/api/v1/quarantines";

    @Autowired
    EventStore eventStore;

    @BeforeEach
    void now() {
        CLOCK.set(Instant.parse("2020-02-05T02:00:00Z"));
    }

    @Test
    void aBreachAttemptIsRecordedOncePerCrossingOnTheCaseTheCheckpointNamedOrThePersonsCase() {
        String person = UUID.randomUUID().toString();
        String caseId = openCase(person);
        String first = "crossing-" + UUID.randomUUID();
        String second = "crossing-" + UUID.randomUUID();

        publish("checkpoint", "Crossing", first, 0, breach(first, person, caseId), "anguo-road");
        publish("checkpoint", "Crossing", first + "-republished", 0, breach(first, person, caseId), "anguo-road");
        publish("checkpoint", "Crossing", second, 0, breach(second, person, null), "anguo-road");
        publish("checkpoint", "Crossing", "crossing-of-nobody", 0,
                breach("crossing-of-nobody", UUID.randomUUID().toString(), null), "anguo-road");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(get(CASES + "/" + caseId))
                .get("breaches")).extracting(b -> b.get("crossingId").asText()).containsExactly(first, second));
        JsonNode breach = json(get(CASES + "/" + caseId)).get("breaches").get(0);
        assertThat(breach.get("checkpointId").asText()).isEqualTo("north-gate");
        assertThat(breach.get("rule").asText()).isEqualTo("QUARANTINED_MAY_NOT_LEAVE");
        assertThat(events(caseId, QuarantineBreachRecorded.class)).hasSize(2);
    }

    @Test
    void aSupplyRequestIsPublishedAndItsDeliveryShowsOnTheCase() {
        String person = UUID.randomUUID().toString();
        String caseId = openCase(person);

        HttpResponse<String> requested = post(CASES + "/" + caseId + "/supply-requests",
                "{\"items\":[\"大米 5kg\",\"布洛芬\"],\"notes\":\"knock twice\",\"address\":\"3号楼 2单元 502\"}");

        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        String requestId = json(requested).get("requestId").asText();
        assertThat(requested.headers().firstValue("Location")).contains("/api/v1/supply-requests/" + requestId);
        assertThat(json(requested).get("status").asText()).isEqualTo("REQUESTED");
        SupplyRequested published = events(caseId, SupplyRequested.class).get(0);
        assertThat(published.items()).containsExactly("大米 5kg", "布洛芬");
        assertThat(published.address()).isEqualTo("3号楼 2单元 502");
        assertThat(published.communityId()).isEqualTo("anguo-road");
        assertThat(published.requestId()).isEqualTo(requestId);

        DeliveryOrderId order = DeliveryOrderId.random();
        Instant at = Instant.parse("2020-02-05T03:00:00Z");
        DeliveryStage[] stages = {DeliveryStage.ORDERED, DeliveryStage.ACCEPTED, DeliveryStage.PICKED_UP,
                DeliveryStage.DISINFECTED, DeliveryStage.LEFT_AT_DOOR};
        for (int i = 0; i < stages.length; i++) {
            publish("volunteer", "DeliveryOrder", order.value(), i, progressed(order, requestId, person, stages[i],
                    at.plusSeconds(600L * i)), "anguo-road");
        }
        publish("volunteer", "DeliveryOrder", order.value() + "-republished", 0, progressed(order, requestId, person,
                DeliveryStage.LEFT_AT_DOOR, at.plusSeconds(6000)), "anguo-road");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode request = json(get("/api/v1/supply-requests/" + requestId));
            assertThat(request.get("delivered").asBoolean()).isTrue();
            assertThat(request.get("status").asText()).isEqualTo("LEFT_AT_DOOR");
        });
        JsonNode request = json(get("/api/v1/supply-requests/" + requestId));
        assertThat(request.get("stages")).hasSize(5);
        assertThat(request.get("deliveredAt").asText()).isEqualTo(at.plusSeconds(2400).toString());
        assertThat(request.get("orderId").asText()).isEqualTo(order.value());
        assertThat(request.get("caseId").asText()).isEqualTo(caseId);
        assertThat(events(caseId, SupplyDeliveryProgressed.class)).hasSize(5);
    }

    @Test
    void aBadSupplyRequestIsA400NamingTheFieldAndPublishesNothing() {
        String caseId = openCase(UUID.randomUUID().toString());

        assertBadRequest(caseId, "{\"items\":[],\"address\":\"a\"}", "items");
        assertBadRequest(caseId, "{\"items\":[\" \"],\"address\":\"a\"}", "items[0]");
        assertBadRequest(caseId, "{\"items\":[\"rice\"]}", "address");
        assertBadRequest(caseId, "{\"items\":[\"rice\"],\"address\":\"a\",\"urgent\":true}", "urgent");
        assertThat(events(caseId, SupplyRequested.class)).isEmpty();
    }

    @Test
    void aPersonTurnedBlueIsQuarantinedFromTheRegisteredArrivalOnceAndSuppliesGoToTheRegisteredAddress() {
        PersonId blue = PersonId.random();
        PersonId departed = PersonId.random();
        publish("registry", "Person", blue.value(), 0, registered(blue, Origin.ELSEWHERE, LocalDate.parse("2020-02-01")),
                "anguo-road");
        publish("registry", "Person", blue.value(), 1, new HouseholdMemberAdded("household-9", blue, "registrar-1",
                Instant.parse("2020-02-02T01:00:00Z")), "anguo-road");
        publish("registry", "Person", blue.value(), 2, turnedBlue(blue, "VERIFIED_IN_HOME_QUARANTINE",
                Instant.parse("2020-02-03T01:00:00Z")), "anguo-road");
        publish("registry", "Person", blue.value(), 3, turnedBlue(blue, "MANUAL_OVERRIDE",
                Instant.parse("2020-02-03T05:00:00Z")), "anguo-road");
        publish("registry", "Person", departed.value(), 0, turnedBlue(departed, "DEPARTED",
                Instant.parse("2020-02-03T01:00:00Z")), "anguo-road");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                json(get(CASES + "?personId=" + blue.value())).get("items")).hasSize(1));
        JsonNode quarantine = json(get(CASES + "?personId=" + blue.value())).get("items").get(0);
        assertThat(quarantine.get("arrivalDate").asText()).isEqualTo("2020-02-01");
        assertThat(quarantine.get("reason").asText()).contains("BLUE");
        assertThat(quarantine.get("communityId").asText()).isEqualTo("anguo-road");
        assertThat(quarantine.get("compoundId").asText()).isEqualTo("安国小区");
        assertThat(json(get(CASES + "?personId=" + departed.value())).get("items")).isEmpty();

        HttpResponse<String> supplies = post(CASES + "/" + quarantine.get("id").asText() + "/supply-requests",
                "{\"items\":[\"vegetables\"]}");
        assertThat(supplies.statusCode()).as(supplies.body()).isEqualTo(201);
        assertThat(json(supplies).get("address").asText()).isEqualTo("安国小区 1号楼 1单元 100室");
        assertThat(json(supplies).get("householdId").asText()).isEqualTo("household-9");
    }

    @Test
    void afterACaseEndedOnlyARegistryEventFromAfterTheEndQuarantinesThePersonAgain() {
        PersonId person = PersonId.random();
        publish("registry", "Person", person.value(), 0, registered(person, Origin.WUHAN, LocalDate.parse("2020-02-01")),
                "anguo-road");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                json(get(CASES + "?personId=" + person.value())).get("items")).hasSize(1));
        String first = json(get(CASES + "?personId=" + person.value())).get("items").get(0).get("id").asText();
        CLOCK.set(Instant.parse("2020-02-06T02:00:00Z"));
        HttpResponse<String> released = post(CASES + "/" + first + "/early-release", "{\"reason\":\"wrong person\"}",
                "X-Actor", "medic-1", "X-Actor-Role", "medic");
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);

        publish("registry", "Person", person.value(), 1, turnedBlue(person, "VERIFIED_IN_HOME_QUARANTINE",
                Instant.parse("2020-02-05T01:00:00Z")), "anguo-road");
        publish("registry", "Person", person.value(), 2, turnedBlue(person, "VERIFIED_IN_HOME_QUARANTINE",
                Instant.parse("2020-02-07T01:00:00Z")), "anguo-road");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                json(get(CASES + "?personId=" + person.value())).get("items")).hasSize(2));
        JsonNode cases = json(get(CASES + "?personId=" + person.value())).get("items");
        assertThat(cases.get(0).get("status").asText()).isEqualTo("RELEASED_EARLY");
        assertThat(cases.get(1).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(cases.get(1).get("reason").asText()).contains("BLUE");
    }

    private void assertBadRequest(String caseId, String body, String field) {
        HttpResponse<String> response = post(CASES + "/" + caseId + "/supply-requests", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("errors")).extracting(e -> e.get("field").asText()).contains(field);
    }

    private String openCase(String person) {
        HttpResponse<String> created = post(CASES, "{\"personId\":\"" + person
                + "\",\"arrivalDate\":\"2020-02-04\",\"kind\":\"HOME\",\"reason\":\"close contact\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asText();
    }

    private <T> List<T> events(String caseId, Class<T> type) {
        return eventStore.readEvents(caseId).asStream().map(e -> e.getPayload()).filter(type::isInstance)
                .map(type::cast).toList();
    }

    private static QuarantineBreachAttempted breach(String crossing, String person, String caseId) {
        return new QuarantineBreachAttempted(crossing, CheckpointId.of("north-gate"), person, caseId,
                "QUARANTINED_MAY_NOT_LEAVE", "2020-02-01", "guard-7", Instant.parse("2020-02-05T01:00:00Z"),
                Instant.parse("2020-02-05T01:00:02Z"));
    }

    private static DeliveryProgressed progressed(DeliveryOrderId order, String requestId, String person,
                                                 DeliveryStage stage, Instant at) {
        return new DeliveryProgressed(order, requestId, "household-1", List.of(person), stage, true,
                stage == DeliveryStage.ORDERED ? null : VolunteerId.of("volunteer-3"), null, at);
    }

    private static PersonRegistered registered(PersonId id, Origin origin, LocalDate arrival) {
        return new PersonRegistered(id, "李四", ResidentIdNumber.of("411324199003074562"), null, origin, arrival,
                "安国小区", "1号楼 1单元 100室", "自驾", RegistrationSource.COUNTY_LIST,
                Instant.parse("2020-02-02T00:00:00Z"), null, "registrar-1");
    }

    private static RiskColourChanged turnedBlue(PersonId id, String rule, Instant at) {
        return new RiskColourChanged(id, RiskColour.YELLOW, RiskColour.BLUE, rule, "2020-02-01", "verified",
                new ColourOwner(List.of(OwnerRole.TEMPERATURE_MEDIC), null), new CausingEvent("PersonVerified", 1), at);
    }
}
