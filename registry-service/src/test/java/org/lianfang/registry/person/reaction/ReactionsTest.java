package org.lianfang.registry.person.reaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.checkpoint.QuarantineBreachAttempted;
import org.lianfang.contracts.checkpoint.UnregisteredArrivalDetected;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.QuarantineCompleted;
import org.lianfang.contracts.quarantine.QuarantineKind;
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.QuarantineStartNoted;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.UnregisteredArrivalFlagged;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.registry.RegistrySpringTest;
import org.lianfang.registry.person.command.ResidentIdClaims;

/**
 * The registry reacting to other services: their events are appended to their own event stores
 * (in the same devstore), where the registry's tracking processors read them.
 */
class ReactionsTest extends RegistrySpringTest {

    private static final String PERSONS = "/api/v1/persons";

    @Test
    void aQuarantineStartedMakesTheReturneeBlueOnceAndItsEndLetsTheRulesDecideAgain() {
        String id = registerReturnee("隔离一", "410101199102010015");
        String caseId = "case-" + UUID.randomUUID();
        Instant started = Instant.now().minusSeconds(5);
        QuarantineStarted start = new QuarantineStarted(QuarantineCaseId.of(caseId), id, QuarantineKind.HOME,
                LocalDate.now(), started.plus(Duration.ofDays(14)), "returned from WUHAN", "registry", started);

        publish("quarantine", "QuarantineCase", caseId, 0, start, COMMUNITY);

        JsonNode blue = awaitColour(id, "BLUE");
        assertThat(blue.get("rule").asText()).isEqualTo("IN_QUARANTINE");
        assertThat(blue.get("ruleVersion").asText()).isEqualTo("v1");
        assertThat(blue.get("causedBy").get("type").asText()).isEqualTo("QuarantineStartNoted");
        assertThat(blue.get("owner").get("roles")).extracting(JsonNode::asText)
                .containsExactly("TEMPERATURE_MEDIC", "RESPONSIBLE_PERSON");
        String quarantineEventId = readAll("quarantine").stream().filter(e -> e.getPayload()
                instanceof QuarantineStarted s && s.caseId().value().equals(caseId)).findFirst().orElseThrow()
                .getIdentifier();
        assertThat(personEvents(id, QuarantineStartNoted.class)).singleElement()
                .satisfies(noted -> assertThat(noted.sourceEventId()).isEqualTo(quarantineEventId));

        publish("quarantine", "QuarantineCase", caseId, 1, start, COMMUNITY);
        publish("quarantine", "QuarantineCase", caseId, 2, new QuarantineCompleted(QuarantineCaseId.of(caseId), id,
                "medic-1", Instant.now()), COMMUNITY);

        JsonNode green = awaitColour(id, "GREEN");
        assertThat(green.get("rule").asText()).isEqualTo("QUARANTINE_ENDED");
        assertThat(green.get("causedBy").get("type").asText()).isEqualTo("QuarantineEndNoted");
        assertThat(personEvents(id, QuarantineStartNoted.class)).hasSize(1);
    }

    @Test
    void aBreachAttemptAtACheckpointMakesThePersonRedWithTheGateRule() {
        String id = registerReturnee("隔离二", "410101199102020010");
        String crossing = "crossing-" + UUID.randomUUID();
        QuarantineBreachAttempted breach = new QuarantineBreachAttempted(crossing, CheckpointId.of("north-gate"), id,
                "case-x", "QUARANTINED_MAY_NOT_LEAVE", "g1", "guard-1", Instant.now(), Instant.now());

        publish("checkpoint", "Crossing", crossing, 0, breach, COMMUNITY);

        JsonNode red = awaitColour(id, "RED");
        assertThat(red.get("rule").asText()).isEqualTo("QUARANTINE_BREACH_ATTEMPTED");
        assertThat(red.get("reason").asText()).contains("north-gate", "QUARANTINED_MAY_NOT_LEAVE");
        assertThat(red.get("causedBy").get("type").asText()).isEqualTo("QuarantineBreachNoted");
        assertThat(red.get("owner").get("roles")).extracting(JsonNode::asText)
                .containsExactly("PARTY_SECRETARY", "LEADER_IN_CHARGE");
    }

    @Test
    void anUnregisteredArrivalRegistersOneProvisionalRedPersonPerIdNumberWhateverTheRedeliveries() {
        String number = "420106198805050039";
        String crossing = "crossing-" + UUID.randomUUID();
        UnregisteredArrivalDetected arrival = arrival(crossing, null, number);

        publish("checkpoint", "Crossing", crossing, 0, arrival, "nieyang-east");
        String id = awaitClaim(number);
        JsonNode red = awaitColourAs(id, "RED", "nieyang-east");
        publish("checkpoint", "Crossing", crossing, 1, arrival, "nieyang-east");
        publish("checkpoint", "Crossing", "other-" + crossing, 0, arrival("other-" + crossing, null, number),
                "nieyang-east");

        assertThat(red.get("rule").asText()).isEqualTo("UNREGISTERED_ARRIVAL");
        assertThat(red.get("reason").asText()).contains("north-gate", "unknown to the registry");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(personEvents(id, UnregisteredArrivalFlagged.class)).extracting(
                        UnregisteredArrivalFlagged::crossingId).containsExactly(crossing, "other-" + crossing));
        List<PersonRegistered> registered = personEvents(id, PersonRegistered.class);
        assertThat(registered).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo(RegistrationSource.CHECKPOINT);
            assertThat(r.origin()).isEqualTo(Origin.WUHAN);
            assertThat(r.registeredBy()).isEqualTo("guard-1");
        });
        JsonNode person = json(get(port, PERSONS + "/" + id, "X-Community-Id", "nieyang-east"));
        assertThat(person.get("communityId").asText()).isEqualTo("nieyang-east");
        assertThat(person.get("source").asText()).isEqualTo("CHECKPOINT");
    }

    @Test
    void anUnregisteredArrivalOfAKnownIdNumberFlagsThatPersonAndRegistersNoOne() {
        String number = "410101199102030016";
        String id = registerReturnee("已登记", number);
        long persons = allEvents().stream().filter(e -> e.getPayload() instanceof PersonRegistered).count();
        String crossing = "crossing-" + UUID.randomUUID();

        publish("checkpoint", "Crossing", crossing, 0, arrival(crossing, null, number), COMMUNITY);

        JsonNode red = awaitColour(id, "RED");
        assertThat(red.get("rule").asText()).isEqualTo("UNREGISTERED_ARRIVAL");
        assertThat(allEvents().stream().filter(e -> e.getPayload() instanceof PersonRegistered).count())
                .isEqualTo(persons);
        assertThat(json(get(port, PERSONS + "/" + id)).get("name").asText()).isEqualTo("已登记");
    }

    @Test
    void anArrivalWithoutAUsableIdNumberOrBornInTheFutureStoresNothing() {
        String crossing = "crossing-" + UUID.randomUUID();
        String marker = "marker-" + UUID.randomUUID();
        int before = allEvents().size();

        publish("checkpoint", "Crossing", crossing, 0, arrival(crossing, null, "420106198805050032"), COMMUNITY);
        String unborn = "crossing-" + UUID.randomUUID();
        publish("checkpoint", "Crossing", unborn, 0, arrival(unborn, null, "411324299903074566"), COMMUNITY);
        String known = registerReturnee("标记", "410101199102040011");
        publish("checkpoint", "Crossing", marker, 0, arrival(marker, known, null), COMMUNITY);

        awaitColour(known, "RED");
        assertThat(allEvents().subList(before, allEvents().size())).noneMatch(e -> e.getPayload()
                instanceof UnregisteredArrivalFlagged f && (f.crossingId().equals(crossing)
                        || f.crossingId().equals(unborn)));
        assertThat(database().getCollection(ResidentIdClaims.COLLECTION)
                .find(Filters.eq("_id", hasher.hash("420106198805050032"))).first()).isNull();
        assertThat(database().getCollection(ResidentIdClaims.COLLECTION)
                .find(Filters.eq("_id", hasher.hash("411324299903074566"))).first())
                .as("a holder born in 2999 is refused here as by the registry's own API").isNull();
    }

    @Test
    void aPersonWithOtherServicesFactsSurvivesASnapshotAndStillReactsOnce() {
        String id = registerReturnee("快照", "410101199102050017");
        String caseId = "case-" + UUID.randomUUID();
        QuarantineStarted start = new QuarantineStarted(QuarantineCaseId.of(caseId), id, QuarantineKind.HOME,
                LocalDate.now(), Instant.now().plus(Duration.ofDays(14)), "returned from WUHAN", "registry",
                Instant.now());
        publish("quarantine", "QuarantineCase", caseId, 0, start, COMMUNITY);
        awaitColour(id, "BLUE");
        for (int i = 0; i < 48; i++) {
            HttpResponse<String> call = postTo(port, PERSONS + "/" + id + "/trace-calls", "{\"outcome\":\"REACHED\"}");
            assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        }

        publish("quarantine", "QuarantineCase", caseId, 1, start, COMMUNITY);
        publish("quarantine", "QuarantineCase", caseId, 2, new QuarantineCompleted(QuarantineCaseId.of(caseId), id,
                "medic-1", Instant.now()), COMMUNITY);

        assertThat(awaitColour(id, "GREEN").get("rule").asText()).isEqualTo("QUARANTINE_ENDED");
        assertThat(personEvents(id, QuarantineStartNoted.class)).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(database()
                .getCollection(IndexedMongoEventStorageEngine.SNAPSHOTS).countDocuments(Filters.eq("_id", id)))
                .as("a snapshot was taken").isEqualTo(1));
    }

    private static UnregisteredArrivalDetected arrival(String crossing, String knownPersonId, String number) {
        return new UnregisteredArrivalDetected(crossing, CheckpointId.of("north-gate"), "nieyang-east", knownPersonId,
                number, "李四", "13900000000", Origin.WUHAN, "武汉", LocalDate.now(), "unknown to the registry",
                "guard-1", Instant.now(), Instant.now());
    }

    private String registerReturnee(String name, String number) {
        return json(post(port, "{\"name\":\"" + name + "\",\"residentIdNumber\":\"" + number
                + "\",\"origin\":\"WUHAN\",\"arrivalDate\":\"" + LocalDate.now()
                + "\",\"compound\":\"安国小区\",\"source\":\"SELF_REPORTED\"}")).get("id").asText();
    }

    private JsonNode awaitColour(String id, String colour) {
        return awaitColourAs(id, colour, COMMUNITY);
    }

    private JsonNode awaitColourAs(String id, String colour, String community) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(get(port, PERSONS + "/" + id
                + "/colour", "X-Community-Id", community)).path("colour").asText()).isEqualTo(colour));
        return json(get(port, PERSONS + "/" + id + "/colour", "X-Community-Id", community));
    }

    private String awaitClaim(String number) {
        await().atMost(Duration.ofSeconds(30)).until(() -> database().getCollection(ResidentIdClaims.COLLECTION)
                .find(Filters.eq("_id", hasher.hash(number))).first() != null);
        Document claim = database().getCollection(ResidentIdClaims.COLLECTION)
                .find(Filters.eq("_id", hasher.hash(number))).first();
        return claim.getString("personId");
    }

    private List<TrackedEventMessage<?>> allEvents() {
        return registeredEvents();
    }

    private <T> List<T> personEvents(String personId, Class<T> type) {
        return eventStore.readEvents(personId, 0).asStream().map(e -> e.getPayload()).filter(type::isInstance)
                .map(type::cast).toList();
    }
}
