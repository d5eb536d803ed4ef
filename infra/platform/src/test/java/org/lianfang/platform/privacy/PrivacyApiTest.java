package org.lianfang.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.time.Instant;
import java.time.LocalDate;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.checkpoint.UnregisteredArrivalDetected;
import org.lianfang.contracts.privacy.PersonErased;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.UnregisteredArrivalFlagged;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.platform.privacy.PatientEvents.QuarantineBegan;
import org.lianfang.platform.privacy.PatientEvents.QuarantineFinished;
import org.lianfang.platform.privacy.PatientEvents.VisitBegan;
import org.lianfang.platform.privacy.PatientEvents.VisitEnded;
import org.lianfang.platform.testapp.EmbeddedMongo;
import org.lianfang.platform.testapp.Http;
import org.lianfang.platform.testapp.TestApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The admin's erasure and retention API on a service with crypto-shredding switched on. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "lianfang.privacy.master-key=platform-test-master-key-0123456789abcdef",
                "lianfang.privacy.retention.quarantine=30d",
                "lianfang.privacy.retention.visit=0s"})
class PrivacyApiTest {

    private static final EmbeddedMongo MONGO = new EmbeddedMongo();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ADMIN = {"X-Actor", "admin-1", "X-Actor-Role", "admin", "X-Community-Id", "*"};

    @LocalServerPort
    int port;
    @Autowired
    EventGateway events;
    @Autowired
    IndexedMongoEventStorageEngine engine;
    @Autowired
    MongoDatabase serviceDatabase;
    Http http;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("lianfang.mongodb.uri", MONGO::uri);
    }

    @AfterAll
    static void stopStore() {
        MONGO.shutdown();
    }

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void aPersonInQuarantineAndThenWithinItsRetentionPeriodCannotBeErased() {
        events.publish(new QuarantineBegan("p-q", "ward-1", "发热，隔离在家"));
        HttpResponse<String> ongoing = erase("p-q", "{\"reason\":\"purpose ended\"}");
        assertThat(ongoing.statusCode()).isEqualTo(409);
        assertThat(json(ongoing).path("type").asText()).isEqualTo("https://lianfang.org/problems/rule-violation");
        assertThat(ongoing.body()).contains("erasure-purpose-ongoing");

        events.publish(new QuarantineFinished("p-q", "解除隔离"));
        HttpResponse<String> retained = erase("p-q", "{\"reason\":\"purpose ended\"}");
        assertThat(retained.statusCode()).isEqualTo(409);
        assertThat(retained.body()).contains("erasure-retention-period", "30 days");
        assertThat(payloads("p-q")).first().extracting(p -> ((QuarantineBegan) p).note()).isEqualTo("发热，隔离在家");
    }

    @Test
    void aDuePersonIsListedThenErasedWithTheReasonRecordedAndReadsAsErasedEverywhere() {
        events.publish(new VisitBegan("p-v", "赵六"));
        events.publish(new VisitEnded("p-v"));
        serviceDatabase.getCollection(IndexedMongoEventStorageEngine.SNAPSHOTS)
                .insertOne(new Document("_id", "p-v-aggregate").append("p", "{\"name\":\"赵六\"}"));
        awaitTrue(() -> dueIds().contains("p-v"));
        assertThat(dueIds()).doesNotContain("p-q");

        HttpResponse<String> erased = erase("p-v", "{\"reason\":\"visit over, retention ran out\"}");
        assertThat(erased.statusCode()).isEqualTo(201);
        assertThat(json(erased).path("alreadyErased").asBoolean()).isFalse();

        List<Object> payloads = payloads("p-v");
        assertThat(((VisitBegan) payloads.get(0)).name()).isEqualTo(PersonalData.ERASED);
        PersonErased record = (PersonErased) payloads.get(payloads.size() - 1);
        assertThat(record.reason()).isEqualTo("visit over, retention ran out");
        assertThat(record.erasedBy()).isEqualTo("admin-1");
        assertThat(dueIds()).doesNotContain("p-v");

        HttpResponse<String> again = erase("p-v", "{\"reason\":\"twice\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("alreadyErased").asBoolean()).isTrue();
        assertThat(payloads("p-v")).filteredOn(PersonErased.class::isInstance).hasSize(1);
    }

    @Test
    void anArrivalRecordedBeforeThePersonWasKnownIsErasedWithThePersonItWasLinkedTo() {
        Instant at = Instant.parse("2020-01-26T08:00:00Z");
        events.publish(new UnregisteredArrivalDetected("crossing-l", CheckpointId.of("north-gate"), "anguo", null,
                "41132419900307456X", "欧阳锋", "13900000077", Origin.WUHAN, "武汉", LocalDate.of(2020, 1, 26),
                "unknown to the registry", "op-1", at, at));
        String person = PersonId.random().value();
        events.publish(new UnregisteredArrivalFlagged(PersonId.of(person), "crossing-l", "north-gate",
                "unknown to the registry", "武汉", LocalDate.of(2020, 1, 26), "e-1", at));
        String stored = commits();
        assertThat(stored).doesNotContain("欧阳锋", "13900000077", "41132419900307456X")
                .contains("arrival:crossing-l");
        assertThat(arrival().name()).isEqualTo("欧阳锋");

        assertThat(erase(person, "{\"reason\":\"asked to be forgotten\"}").statusCode()).isEqualTo(201);

        UnregisteredArrivalDetected after = arrival();
        assertThat(after.name()).isEqualTo(PersonalData.ERASED);
        assertThat(after.phone()).isEqualTo(PersonalData.ERASED);
        assertThat(after.residentIdNumber()).isEqualTo(PersonalData.ERASED);
        assertThat(after.origin()).isEqualTo(Origin.WUHAN);
        assertThat(after.crossingId()).isEqualTo("crossing-l");
        PersonErased erased = (PersonErased) payloads(person).get(payloads(person).size() - 1);
        assertThat(erased.linkedSubjects()).containsExactly("arrival:crossing-l");
    }

    private UnregisteredArrivalDetected arrival() {
        List<UnregisteredArrivalDetected> found = new java.util.ArrayList<>();
        engine.readEvents(null, false).forEach(e -> {
            if (e.getPayload() instanceof UnregisteredArrivalDetected a && "crossing-l".equals(a.crossingId())) {
                found.add(a);
            }
        });
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private String commits() {
        StringBuilder all = new StringBuilder();
        serviceDatabase.getCollection(IndexedMongoEventStorageEngine.COMMITS).find()
                .forEach((Document d) -> all.append(d.toJson()).append('\n'));
        return all.toString();
    }

    @Test
    void theSnapshotsOfThePersonsAggregatesAreDropped() {
        HttpResponse<String> created = http.postJson("/api/v1/widgets", "{\"name\":\"w\",\"count\":1,\"personIds\":[\"p-s\"]}",
                "X-Actor", "op-1", "X-Actor-Role", "operator", "X-Community-Id", "anguo");
        assertThat(created.statusCode()).isEqualTo(201);
        String widget = json(created).path("id").asText();
        var snapshots = serviceDatabase.getCollection(IndexedMongoEventStorageEngine.SNAPSHOTS);
        snapshots.insertOne(new Document("_id", widget).append("p", "{\"name\":\"孙七\"}"));

        assertThat(erase("p-s", "{\"reason\":\"asked to be forgotten\"}").statusCode()).isEqualTo(201);
        assertThat(snapshots.find(Filters.eq("_id", widget)).first()).isNull();
    }

    @Test
    void onlyAdminsEraseAReasonIsRequiredAndAnUnknownPersonIsNotFound() {
        HttpResponse<String> operator = http.postJson("/api/v1/admin/privacy/persons/p-x/erasure",
                "{\"reason\":\"r\"}", "X-Actor", "op-1", "X-Actor-Role", "operator", "X-Community-Id", "anguo");
        assertThat(operator.statusCode()).isEqualTo(403);
        HttpResponse<String> noReason = erase("p-x", "{\"reason\":\" \"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        assertThat(erase("nobody-known", "{\"reason\":\"r\"}").statusCode()).isEqualTo(404);
        assertThat(http.get("/api/v1/admin/privacy/due?limit=0", ADMIN).statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> erase(String person, String body) {
        return http.postJson("/api/v1/admin/privacy/persons/" + person + "/erasure", body, ADMIN);
    }

    private List<String> dueIds() {
        HttpResponse<String> due = http.get("/api/v1/admin/privacy/due", ADMIN);
        assertThat(due.statusCode()).isEqualTo(200);
        return json(due).path("items").findValuesAsText("personId");
    }

    private List<Object> payloads(String person) {
        return engine.readPersonEvents(person).stream().map(TrackedEventMessage::getPayload).map(Object.class::cast)
                .toList();
    }

    private static void awaitTrue(BooleanSupplier condition) {
        for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(condition.getAsBoolean()).as("condition met within 60 s").isTrue();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
