package org.lianfang.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.lianfang.checkpoint.people.QuarantinePeople;
import org.lianfang.checkpoint.people.RegistryPeople;
import org.lianfang.contracts.checkpoint.CrossingDenied;
import org.lianfang.contracts.checkpoint.CrossingRecorded;
import org.lianfang.contracts.checkpoint.QuarantineBreachAttempted;
import org.lianfang.contracts.checkpoint.UnregisteredArrivalDetected;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.QuarantineCompleted;
import org.lianfang.contracts.quarantine.QuarantineKind;
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.lianfang.contracts.registry.CausingEvent;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.contracts.registry.RiskColourChanged;

/**
 * The gate end to end inside the service: the registry's and quarantine's events are published into
 * their own event stores, the service learns from them with its own tokens, and the tablet's uploads
 * are decided from what it learned — a quarantined person is denied going out (and the breach is
 * published), an unknown person coming in from Wuhan is reported to the registry.
 */
class CheckpointEndToEndTest extends CheckpointSpringTest {

    private static final Instant GATE_TIME = Instant.parse("2020-02-03T01:30:00Z");

    @Test
    void aQuarantinedPersonIsDeniedGoingOutAndTheBreachAttemptIsPublished() {
        String community = community();
        String gate = openGate(community, "compound-1", false);
        PersonId returnee = PersonId.random();
        QuarantineCaseId caseId = QuarantineCaseId.random();
        registryPerson(community, returnee, idNumber(1), Origin.WUHAN, RegistrationSource.SELF_REPORTED);
        publish("quarantine", community, "QuarantineCase", caseId.value(), new QuarantineStarted(caseId,
                returnee.value(), QuarantineKind.HOME, LocalDate.parse("2020-01-24"),
                Instant.parse("2020-02-06T16:00:00Z"), "returned from WUHAN", "registry",
                Instant.parse("2020-01-25T01:00:00Z")));
        awaitQuarantine(returnee.value(), caseId.value(), true);

        HttpResponse<String> out = cross(community, gate, "tablet-1", 1, person(returnee.value(), "OUT", "36.5"));

        assertThat(out.statusCode()).as(out.body()).isEqualTo(201);
        JsonNode denied = json(out);
        assertThat(denied.get("decision").asText()).isEqualTo("DENIED");
        assertThat(denied.get("rule").asText()).isEqualTo("quarantined-may-not-go-out");
        assertThat(denied.get("ruleVersion").asText()).isEqualTo("gate-v1");
        assertThat(denied.get("breachCaseId").asText()).isEqualTo(caseId.value());
        List<Object> stream = streamOf(denied.get("id").asText());
        assertThat(stream).hasSize(2);
        assertThat(stream.get(0)).isInstanceOf(CrossingDenied.class);
        QuarantineBreachAttempted breach = (QuarantineBreachAttempted) stream.get(1);
        assertThat(breach.personId()).isEqualTo(returnee.value());
        assertThat(breach.caseId()).isEqualTo(caseId.value());
        assertThat(breach.rule()).isEqualTo("quarantined-may-not-go-out");
        assertThat(breach.occurredAt()).isEqualTo(GATE_TIME);
        assertThat(breach.recordedAt()).isEqualTo(CLOCK.instant());

        HttpResponse<String> comingHome = cross(community, gate, "tablet-1", 2, person(returnee.value(), "IN", "36.5"));
        assertThat(json(comingHome).get("decision").asText()).isEqualTo("ALLOWED");

        publish("quarantine", community, "QuarantineCase", caseId.value(), new QuarantineCompleted(caseId,
                returnee.value(), "medic-1", Instant.parse("2020-02-07T00:00:00Z")));
        awaitQuarantine(returnee.value(), caseId.value(), false);
        HttpResponse<String> afterwards = cross(community, gate, "tablet-1", 3, person(returnee.value(), "OUT", "36.5"));
        assertThat(json(afterwards).get("decision").asText()).as(afterwards.body()).isEqualTo("ALLOWED");
        assertThat(streamOf(json(afterwards).get("id").asText())).singleElement().isInstanceOf(CrossingRecorded.class);
    }

    @Test
    void aVehicleCarryingSomeoneInQuarantineOutIsDeniedAndTheBreachNamesThatOccupant() {
        String community = community();
        String gate = openGate(community, "compound-1", false);
        PersonId driver = PersonId.random();
        PersonId passenger = PersonId.random();
        QuarantineCaseId caseId = QuarantineCaseId.random();
        registryPerson(community, driver, idNumber(9), Origin.LOCAL, RegistrationSource.SELF_REPORTED);
        registryPerson(community, passenger, idNumber(10), Origin.WUHAN, RegistrationSource.SELF_REPORTED);
        publish("quarantine", community, "QuarantineCase", caseId.value(), new QuarantineStarted(caseId,
                passenger.value(), QuarantineKind.HOME, LocalDate.parse("2020-01-24"),
                Instant.parse("2020-02-06T16:00:00Z"), "returned from WUHAN", "registry",
                Instant.parse("2020-01-25T01:00:00Z")));
        awaitPerson(driver.value());
        awaitQuarantine(passenger.value(), caseId.value(), true);

        JsonNode denied = json(cross(community, gate, "tablet-v", 1, "\"subject\":\"VEHICLE\",\"plate\":\"豫R7777Z\","
                + "\"occupants\":[\"" + driver + "\",\"" + passenger + "\"],\"occupantCount\":2,"
                + "\"direction\":\"OUT\",\"temperatureCelsius\":36.8"));

        assertThat(denied.get("rule").asText()).as(denied.toString()).isEqualTo("quarantined-may-not-go-out");
        QuarantineBreachAttempted breach = (QuarantineBreachAttempted) streamOf(denied.get("id").asText()).get(1);
        assertThat(breach.personId()).isEqualTo(passenger.value());
        assertThat(breach.caseId()).isEqualTo(caseId.value());
        assertThat(((CrossingDenied) streamOf(denied.get("id").asText()).get(0)).personIds())
                .containsExactly(driver.value(), passenger.value());
    }

    @Test
    void aRedPersonIsDeniedGoingOutWithoutABreachAttempt() {
        String community = community();
        String gate = openGate(community, "compound-1", false);
        PersonId person = PersonId.random();
        registryPerson(community, person, idNumber(2), Origin.ELSEWHERE, RegistrationSource.SELF_REPORTED);
        publish("registry", community, "Person", person.value(), new RiskColourChanged(person, RiskColour.YELLOW,
                RiskColour.RED, "REFUSED", "v1", "refused to cooperate", null,
                new CausingEvent("TraceCallRecorded", 1), Instant.parse("2020-02-01T00:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> "RED".equals(peopleDoc(person.value()).getString("colour")));

        JsonNode denied = json(cross(community, gate, "tablet-1", 1, person(person.value(), "OUT", "36.5")));

        assertThat(denied.get("rule").asText()).isEqualTo("red-may-not-go-out");
        assertThat(streamOf(denied.get("id").asText())).singleElement().isInstanceOf(CrossingDenied.class);
    }

    @Test
    void anUnknownPersonEnteringFromWuhanIsReportedAsAnUnregisteredArrival() {
        String community = community();
        String gate = openGate(community, "compound-1", false);
        String number = idNumber(3);

        HttpResponse<String> in = cross(community, gate, "tablet-2", 1, "\"subject\":\"PERSON\",\"residentIdNumber\":\""
                + number + "\",\"name\":\"张三\",\"phone\":\"13900000000\",\"origin\":\"WUHAN\",\"comingFrom\":\"武汉\","
                + "\"direction\":\"IN\",\"temperatureCelsius\":36.6");

        assertThat(in.statusCode()).as(in.body()).isEqualTo(201);
        JsonNode allowed = json(in);
        assertThat(allowed.get("decision").asText()).isEqualTo("ALLOWED");
        assertThat(allowed.get("unregisteredArrival").asBoolean()).isTrue();
        assertThat(allowed.get("flags")).extracting(JsonNode::asText).containsExactly("UNREGISTERED_ARRIVAL");
        assertThat(allowed.get("residentIdNumber").asText()).isEqualTo(ResidentIdNumber.of(number).masked());
        assertThat(in.body()).doesNotContain(number);
        UnregisteredArrivalDetected arrival = (UnregisteredArrivalDetected) streamOf(allowed.get("id").asText()).get(1);
        assertThat(arrival.knownPersonId()).isNull();
        assertThat(arrival.residentIdNumber()).isEqualTo(number);
        assertThat(arrival.origin()).isEqualTo(Origin.WUHAN);
        assertThat(arrival.communityId()).isEqualTo(community);
        assertThat(arrival.arrivalDate()).isEqualTo(LocalDate.parse("2020-02-03"));
        assertThat(arrival.name()).isEqualTo("张三");
        assertThat(arrival.occurredAt()).isEqualTo(GATE_TIME);
        String path = "/api/v1/crossings/" + allowed.get("id").asText();
        assertThat(json(get(As.role("auditor", community), path)).get("unregisteredArrival").asBoolean()).isTrue();
        assertThat(get(As.role("auditor", community()), path).statusCode()).isEqualTo(404);
        assertThat(get(As.role("county", "*"), path).statusCode()).isEqualTo(200);

        PersonId provisional = PersonId.random();
        registryPerson(community, provisional, number, Origin.WUHAN, RegistrationSource.CHECKPOINT);
        awaitPerson(provisional.value());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(get(As.role("auditor", community),
                "/api/v1/crossings?personId=" + provisional)).get("items")).extracting(i -> i.get("id").asText())
                .as("the crossing before registration joins the trail").containsExactly(allowed.get("id").asText()));
    }

    @Test
    void someoneKnownFromHubeiButNotReportedIsReportedAndSomeoneWhoReportedIsNot() {
        String community = community();
        String gate = openGate(community, "compound-1", false);
        PersonId listed = PersonId.random();
        PersonId reported = PersonId.random();
        registryPerson(community, listed, idNumber(4), Origin.HUBEI_OTHER, RegistrationSource.COUNTY_LIST);
        registryPerson(community, reported, idNumber(5), Origin.WUHAN, RegistrationSource.SELF_REPORTED);
        awaitPerson(reported.value());

        JsonNode first = json(cross(community, gate, "tablet-3", 1, "\"subject\":\"PERSON\",\"residentIdNumber\":\""
                + idNumber(4) + "\",\"direction\":\"IN\",\"temperatureCelsius\":36.6"));
        JsonNode second = json(cross(community, gate, "tablet-3", 2, person(reported.value(), "IN", "36.6")));

        assertThat(first.get("personId").asText()).isEqualTo(listed.value());
        UnregisteredArrivalDetected arrival = (UnregisteredArrivalDetected) streamOf(first.get("id").asText()).get(1);
        assertThat(arrival.knownPersonId()).isEqualTo(listed.value());
        assertThat(arrival.personIds()).containsExactly(listed.value());
        assertThat(second.get("unregisteredArrival").asBoolean()).isFalse();
        assertThat(streamOf(second.get("id").asText())).singleElement().isInstanceOf(CrossingRecorded.class);
    }

    @Test
    void aFeverAtTheGateIsDeniedAndFlaggedEitherWay() {
        String community = community();
        String gate = openGate(community, "compound-1", false);
        PersonId person = PersonId.random();
        registryPerson(community, person, idNumber(6), Origin.LOCAL, RegistrationSource.SELF_REPORTED);
        awaitPerson(person.value());

        JsonNode denied = json(cross(community, gate, "tablet-1", 1, person(person.value(), "IN", "37.3")));

        assertThat(denied.get("rule").asText()).isEqualTo("fever-at-gate");
        assertThat(denied.get("flags")).extracting(JsonNode::asText).containsExactly("FEVER");
    }

    @Test
    void aCrossingAtAClosedCheckpointIsRefusedAndNothingIsStored() {
        String community = community();
        String gate = openGate(community, "compound-1", false);
        HttpResponse<String> closed = post(As.operator(community), "/api/v1/checkpoints/" + gate + "/close",
                "{\"reason\":\"night\"}");
        assertThat(json(closed).get("open").asBoolean()).isFalse();
        long commits = commits();

        HttpResponse<String> refused = cross(community, gate, "tablet-1", 1, "\"subject\":\"PERSON\","
                + "\"residentIdNumber\":\"" + idNumber(7) + "\",\"direction\":\"IN\",\"temperatureCelsius\":36.6");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).get("rule").asText()).isEqualTo("checkpoint-closed");
        assertThat(commits()).isEqualTo(commits);
    }

    @Test
    void retriedUploadsNeverCreateASecondCrossing() throws Exception {
        String community = community();
        String gate = openGate(community, "compound-1", false);
        String body = "\"subject\":\"VEHICLE\",\"plate\":\"豫R12345\",\"occupantCount\":2,\"direction\":\"IN\","
                + "\"temperatureCelsius\":36.4";

        HttpResponse<String> first = cross(community, gate, "tablet-9", 41, body);
        long commits = commits();
        HttpResponse<String> again = cross(community, gate, "tablet-9", 41, body);
        HttpResponse<String> keyed = post(As.operator(community), "/api/v1/checkpoints/" + gate + "/crossings",
                crossingJson("tablet-9", 42, body), "Idempotency-Key", "upload-42");
        HttpResponse<String> keyedAgain = post(As.operator(community), "/api/v1/checkpoints/" + gate + "/crossings",
                crossingJson("tablet-9", 42, body), "Idempotency-Key", "upload-42");
        HttpResponse<String> reused = cross(community, gate, "tablet-9", 41, body.replace("\"IN\"", "\"OUT\""));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("id")).isEqualTo(json(first).get("id"));
        assertThat(json(again).get("recordedAt")).isEqualTo(json(first).get("recordedAt"));
        assertThat(keyed.statusCode()).as(keyed.body()).isEqualTo(201);
        assertThat(keyedAgain.statusCode()).as(keyedAgain.body()).isEqualTo(201);
        assertThat(keyedAgain.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(keyedAgain).get("id")).isEqualTo(json(keyed).get("id"));
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(json(reused).get("rule").asText()).isEqualTo("tablet-sequence-reused");
        assertThat(commits()).isEqualTo(commits + 1);

        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<HttpResponse<String>>> uploads = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                uploads.add(() -> cross(community, gate, "tablet-9", 43, body));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<HttpResponse<String>> response : pool.invokeAll(uploads)) {
                statuses.add(response.get().statusCode());
                ids.add(json(response.get()).get("id").asText());
            }
            assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(streamOf(ids.get(0))).singleElement().isInstanceOf(CrossingRecorded.class);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void lateUploadsKeepTheirOccurredAtAndTracingListsThemInTheOrderTheyHappened() {
        String community = community();
        String gate = openGate(community, "compound-1", false);
        PersonId person = PersonId.random();
        registryPerson(community, person, idNumber(8), Origin.LOCAL, RegistrationSource.SELF_REPORTED);
        awaitPerson(person.value());
        Instant early = Instant.parse("2020-02-03T00:10:00Z");
        Instant late = Instant.parse("2020-02-03T00:50:00Z");

        JsonNode second = json(crossAt(community, gate, "tablet-a", 2, person(person.value(), "IN", "36.5"), late));
        CLOCK.advance(Duration.ofHours(3));
        JsonNode first;
        try {
            first = json(crossAt(community, gate, "tablet-b", 1, person(person.value(), "OUT", "36.5"), early));
        } finally {
            CLOCK.set(Instant.parse("2020-02-03T02:00:00Z"));
        }
        assertThat(Instant.parse(first.get("occurredAt").asText())).isEqualTo(early);
        assertThat(Instant.parse(first.get("recordedAt").asText())).isAfter(Instant.parse(second.get("recordedAt").asText()));

        String window = "/api/v1/checkpoints/" + gate + "/crossings?from=2020-02-03T00:00:00Z&to=2020-02-03T01:00:00Z";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(json(get(As.operator(community), window)).get("items")).hasSize(2));
        JsonNode page1 = json(get(As.operator(community), window + "&limit=1"));
        assertThat(page1.get("items")).extracting(i -> i.get("id").asText()).containsExactly(first.get("id").asText());
        JsonNode page2 = json(get(As.operator(community), window + "&limit=1&cursor="
                + java.net.URLEncoder.encode(page1.get("nextCursor").asText(), java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(page2.get("items")).extracting(i -> i.get("id").asText()).containsExactly(second.get("id").asText());
        assertThat(page2.get("nextCursor").isNull()).isTrue();
        assertThat(json(get(As.operator(community), "/api/v1/checkpoints/" + gate
                + "/crossings?from=2020-02-03T00:20:00Z&to=2020-02-03T00:50:00Z")).get("items")).isEmpty();

        JsonNode trail = json(get(As.role("auditor", community), "/api/v1/crossings?personId=" + person.value()));
        assertThat(trail.get("items")).extracting(i -> i.get("direction").asText()).containsExactly("OUT", "IN");
        assertThat(json(get(As.operator(community()), "/api/v1/crossings?personId=" + person.value())).get("items"))
                .as("another community sees none of them").isEmpty();
        String person0 = "/api/v1/crossings?personId=" + person.value();
        assertThat(json(get(As.operator(community), person0 + "&from=2020-02-03T00:10:00.001Z")).get("items"))
                .extracting(i -> i.get("direction").asText()).as("from is inclusive, to exclusive").containsExactly("IN");
        assertThat(json(get(As.operator(community), person0 + "&from=2020-02-03T00:10:00Z&to=2020-02-03T00:50:00Z"))
                .get("items")).extracting(i -> i.get("direction").asText()).containsExactly("OUT");
        assertThat(json(get(As.operator(community), person0 + "&from=2020-02-04T00:00:00Z")).get("items")).isEmpty();
        HttpResponse<String> backwards = get(As.operator(community), person0 + "&from=2020-02-03T01:00:00Z&to=2020-02-03T00:00:00Z");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("\"to\"");
    }

    private HttpResponse<String> cross(String community, String gate, String tablet, long sequence, String fields) {
        return crossAt(community, gate, tablet, sequence, fields, GATE_TIME);
    }

    private HttpResponse<String> crossAt(String community, String gate, String tablet, long sequence, String fields,
                                         Instant at) {
        return post(As.operator(community), "/api/v1/checkpoints/" + gate + "/crossings",
                "{\"tabletId\":\"" + tablet + "\",\"sequence\":" + sequence + ",\"occurredAt\":\"" + at + "\","
                        + fields + "}");
    }

    private static String crossingJson(String tablet, long sequence, String fields) {
        return "{\"tabletId\":\"" + tablet + "\",\"sequence\":" + sequence + ",\"occurredAt\":\"" + GATE_TIME + "\","
                + fields + "}";
    }

    private static String person(String personId, String direction, String celsius) {
        return "\"subject\":\"PERSON\",\"personId\":\"" + personId + "\",\"direction\":\"" + direction
                + "\",\"temperatureCelsius\":" + celsius;
    }

    /** A valid ID number, different for every {@code n}. */
    static String idNumber(int n) {
        String first17 = "41132419900307" + String.format("%03d", n);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private void registryPerson(String community, PersonId id, String number, Origin origin,
                                RegistrationSource source) {
        publish("registry", community, "Person", id.value(), new PersonRegistered(id, "王五",
                ResidentIdNumber.of(number), "13900000001", origin,
                origin == Origin.LOCAL ? null : LocalDate.parse("2020-01-24"), "安国小区", "1号楼 1单元 100室", "自驾",
                source, Instant.parse("2020-01-25T01:00:00Z"), null, "registrar-1"));
    }

    private Document peopleDoc(String personId) {
        Document doc = mongo.getDatabase("lianfang_checkpoint").getCollection(RegistryPeople.PEOPLE)
                .find(Filters.eq("_id", personId)).first();
        return doc == null ? new Document() : doc;
    }

    private void awaitPerson(String personId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> peopleDoc(personId).containsKey("version"));
    }

    private void awaitQuarantine(String personId, String caseId, boolean active) {
        awaitPerson(personId);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Document doc = mongo.getDatabase("lianfang_checkpoint").getCollection(QuarantinePeople.COLLECTION)
                    .find(Filters.eq("_id", personId)).first();
            return doc != null && doc.get("cases", Document.class).get(caseId) instanceof Document c
                    && c.getBoolean("active") == active;
        });
    }

    private long commits() {
        return mongo.getDatabase("lianfang_checkpoint").getCollection("event_commits").countDocuments();
    }
}
