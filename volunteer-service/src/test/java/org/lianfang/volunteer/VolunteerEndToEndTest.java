package org.lianfang.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.QuarantineCompleted;
import org.lianfang.contracts.quarantine.QuarantineKind;
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.lianfang.contracts.quarantine.SupplyRequested;
import org.lianfang.contracts.registry.HouseholdMemberAdded;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.volunteer.DeliveryProgressed;
import org.lianfang.contracts.volunteer.DeliveryStage;
import org.lianfang.volunteer.delivery.command.SupplyRequests;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The story inside the service: a quarantined household's supply request, published by
 * quarantine-service, becomes a contact-free order that a volunteer takes to the door; a shift at the
 * Anguo Rd × Jianshe Rd checkpoint shows a coverage gap until it is filled.
 */
class VolunteerEndToEndTest extends VolunteerSpringTest {

    private static final Instant NOW = Instant.parse("2020-02-01T00:00:00Z");

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aSupplyRequestBecomesAContactFreeOrderThatAVolunteerTakesToTheDoor() {
        CLOCK.set(NOW);
        String person = UUID.randomUUID().toString();
        String household = "household-" + UUID.randomUUID();
        String caseId = UUID.randomUUID().toString();
        String requestId = "supply-" + UUID.randomUUID();
        publish("registry", "Household", household, new HouseholdMemberAdded(household, PersonId.of(person),
                "registrar-1", NOW.minusSeconds(86_400)));
        publish("quarantine", "QuarantineCase", caseId, new QuarantineStarted(QuarantineCaseId.of(caseId), person,
                QuarantineKind.HOME, LocalDate.parse("2020-01-24"), Instant.parse("2020-02-06T16:00:00Z"),
                "returned from WUHAN", "registry", NOW.minusSeconds(86_400)));
        publish("quarantine", "QuarantineCase", caseId, new SupplyRequested(requestId, QuarantineCaseId.of(caseId),
                person, COMMUNITY, "compound-anguo", household, "3号楼 2单元 502", List.of("大米 5kg", "布洛芬"),
                "请放门口", "operator-1", NOW));
        String orderId = SupplyRequests.orderFor(requestId).value();

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/deliveries/" + orderId).statusCode() == 200);
        JsonNode order = ok(get("/api/v1/deliveries/" + orderId));
        assertThat(order.get("supplyRequestId").asText()).isEqualTo(requestId);
        assertThat(order.get("contactFree").asBoolean()).isTrue();
        assertThat(order.get("contactFreeWhy").asText()).isEqualTo("supply request of a person in quarantine");
        assertThat(order.get("personIds").get(0).asText()).isEqualTo(person);
        assertThat(order.get("stage").asText()).isEqualTo("ORDERED");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ok(get(
                "/api/v1/deliveries?compoundId=compound-anguo")).get("items").findValuesAsText("id")).contains(orderId));

        HttpResponse<String> inPerson = post("/api/v1/deliveries", "{\"householdId\":\"" + household
                + "\",\"compoundId\":\"compound-anguo\",\"address\":\"3号楼 2单元 502\",\"items\":[\"口罩\"],"
                + "\"partner\":\"仁和药房\",\"partnerKind\":\"PHARMACY\",\"contactFree\":false}");
        assertThat(inPerson.statusCode()).as(inPerson.body()).isEqualTo(409);
        assertThat(json(inPerson).get("rule").asText()).isEqualTo("contact-free-required");

        String volunteer = ok(post("/api/v1/volunteers", "{\"name\":\"雷锋连小刘\",\"phone\":\"13900001111\","
                + "\"kind\":\"STUDENT\"}")).get("id").asText();
        CLOCK.set(NOW.plusSeconds(600));
        ok(post("/api/v1/deliveries/" + orderId + "/acceptance", "{\"volunteerId\":\"" + volunteer + "\"}"));
        HttpResponse<String> tooSoon = post("/api/v1/deliveries/" + orderId + "/drop-off", null);
        assertThat(tooSoon.statusCode()).isEqualTo(409);
        assertThat(json(tooSoon).get("rule").asText()).isEqualTo("illegal-delivery-transition");
        ok(post("/api/v1/deliveries/" + orderId + "/pickup", null));
        ok(post("/api/v1/deliveries/" + orderId + "/disinfection", null));
        JsonNode atDoor = ok(post("/api/v1/deliveries/" + orderId + "/drop-off", null));
        assertThat(atDoor.get("stage").asText()).isEqualTo("LEFT_AT_DOOR");
        assertThat(atDoor.get("contactFree").asBoolean()).isTrue();
        assertThat(atDoor.get("steps").findValuesAsText("stage"))
                .containsExactly("ORDERED", "ACCEPTED", "PICKED_UP", "DISINFECTED", "LEFT_AT_DOOR");
        assertThat(atDoor.get("steps").get(2).get("recordedBy").asText()).isEqualTo("operator-1");
        assertThat(atDoor.get("steps").get(2).get("volunteerId").asText()).isEqualTo(volunteer);

        List<DeliveryProgressed> progress = eventStore.readEvents(orderId).asStream()
                .map(DomainEventMessage::getPayload).filter(DeliveryProgressed.class::isInstance)
                .map(DeliveryProgressed.class::cast).toList();
        assertThat(progress).extracting(DeliveryProgressed::stage).containsExactly(DeliveryStage.ORDERED,
                DeliveryStage.ACCEPTED, DeliveryStage.PICKED_UP, DeliveryStage.DISINFECTED, DeliveryStage.LEFT_AT_DOOR);
        assertThat(progress).allSatisfy(p -> {
            assertThat(p.supplyRequestId()).isEqualTo(requestId);
            assertThat(p.personIds()).containsExactly(person);
            assertThat(p.contactFree()).isTrue();
        });
        assertThat(eventStore.readEvents(orderId).asStream().filter(e -> e.getPayload() instanceof DeliveryProgressed)
                .allMatch(e -> List.of(person).equals(e.getMetaData().get(MetadataKeys.PERSON_IDS)))).isTrue();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(ok(get("/api/v1/deliveries?compoundId=compound-anguo")).get("items").findValuesAsText("id"))
                    .doesNotContain(orderId);
            assertThat(ok(get("/api/v1/volunteers/" + volunteer + "/deliveries")).get("items")
                    .findValuesAsText("id")).containsExactly(orderId);
            JsonNode counts = ok(get("/api/v1/deliveries/counts?from=2020-02-01&to=2020-02-01"));
            assertThat(counts.get("delivered").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(counts.get("volunteers").findValuesAsText("volunteerId")).contains(volunteer);
        });

        replay(SupplyRequests.PROCESSING_GROUP);
        assertThat(ok(get("/api/v1/deliveries/" + orderId)).get("stage").asText()).isEqualTo("LEFT_AT_DOOR");
        assertThat(eventStore.readEvents(orderId).asStream().count()).isEqualTo(10);

        publish("quarantine", "QuarantineCase", caseId, new QuarantineCompleted(QuarantineCaseId.of(caseId), person,
                "medic-1", NOW.plusSeconds(3600)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> handover = post("/api/v1/deliveries", "{\"householdId\":\"" + household
                    + "\",\"compoundId\":\"compound-anguo\",\"address\":\"3号楼 2单元 502\",\"items\":[\"口罩\"],"
                    + "\"partner\":\"仁和药房\",\"partnerKind\":\"PHARMACY\",\"contactFree\":false}");
            assertThat(handover.statusCode()).as(handover.body()).isEqualTo(201);
            assertThat(json(handover).get("contactFree").asBoolean()).isFalse();
        });
    }

    @Test
    void aShiftAtTheNorthGateShowsACoverageGapUntilItIsFilled() {
        CLOCK.set(NOW);
        String gate = openCheckpoint("anguo-jianshe-" + UUID.randomUUID(), "安国路与建设路口");
        String shift = ok(post("/api/v1/shifts", "{\"checkpointId\":\"" + gate + "\",\"startsAt\":\"2020-02-01T08:00:00Z\","
                + "\"endsAt\":\"2020-02-01T10:00:00Z\",\"requiredHeadcount\":2}")).get("id").asText();
        String window = "/api/v1/shifts/coverage?from=2020-02-01T08:00:00Z&to=2020-02-01T10:00:00Z";

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(gapsAt(window, gate))
                .containsExactly("UNDERSTAFFED", "UNDERSTAFFED"));
        for (String name : List.of("党员一", "党员二")) {
            String v = ok(post("/api/v1/volunteers", "{\"name\":\"" + name + "\",\"phone\":\"13800000000\","
                    + "\"kind\":\"PARTY_MEMBER\"}")).get("id").asText();
            ok(post("/api/v1/shifts/" + shift + "/assignments", "{\"volunteerId\":\"" + v + "\"}"));
            if (name.equals("党员一")) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(coverageAt(window, gate)
                        .findValuesAsText("assigned")).containsOnly("1"));
                assertThat(gapsAt(window, gate)).containsExactly("UNDERSTAFFED", "UNDERSTAFFED");
            }
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(gapsAt(window, gate)).isEmpty());
        JsonNode hours = coverageAt(window, gate);
        assertThat(hours.findValuesAsText("required")).containsExactly("2", "2");
        assertThat(hours.findValuesAsText("assigned")).containsExactly("2", "2");
        assertThat(hours.findValuesAsText("onDuty")).containsExactly("0", "0");

        CLOCK.set(Instant.parse("2020-02-01T08:30:00Z"));
        assertThat(gapsAt(window, gate)).containsExactly("NOT_ON_DUTY");
    }

    private JsonNode coverageAt(String window, String checkpoint) {
        JsonNode all = ok(get(window)).get("hours");
        com.fasterxml.jackson.databind.node.ArrayNode mine = JSON.createArrayNode();
        all.forEach(h -> {
            if (h.get("checkpointId").asText().equals(checkpoint)) {
                mine.add(h);
            }
        });
        return mine;
    }

    private List<String> gapsAt(String window, String checkpoint) {
        List<String> gaps = new java.util.ArrayList<>();
        ok(get(window)).get("gaps").forEach(h -> {
            if (h.get("checkpointId").asText().equals(checkpoint)) {
                gaps.add(h.get("gap").asText());
            }
        });
        return gaps;
    }

    private void replay(String group) {
        TrackingEventProcessor processor = processing.eventProcessor(group, TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !processor.processingStatus().isEmpty() && !processor.isReplaying()
                && processor.processingStatus().values().stream().allMatch(s -> s.isCaughtUp()));
    }
}
