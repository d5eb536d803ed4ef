package org.lianfang.quarantine.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.privacy.PersonErased;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.quarantine.QuarantineSpringTest;
import org.lianfang.quarantine.cases.command.RegistryPersons;
import org.lianfang.quarantine.cases.query.CaseProjection;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The registry erases a person whose quarantine is on record here: quarantine's read side (what it
 * remembers of the registry's person, the case's symptom notes and supply requests) no longer holds
 * their personal text, and the board counts as before. The events themselves are the platform's
 * (encrypted per person when the master key is set), so the event store is left out of the scan.
 */
class CaseErasureTest extends QuarantineSpringTest {

    private static final String COMMUNITY = "erasure-road";
    private static final String NAME = "上官婉儿";
    private static final String PHONE = "13700001111";
    private static final String ADDRESS = "12号楼 3单元 801室";
    private static final String SYMPTOM_NOTE = "咳嗽 夜间加重";
    private static final String SUPPLY_NOTE = "请放门口 按铃两次";
    private static final String SUPPLY_ADDRESS = "12号楼 3单元 801";
    private static final Set<String> EVENT_STORE = Set.of(IndexedMongoEventStorageEngine.COMMITS,
            IndexedMongoEventStorageEngine.SNAPSHOTS);

    @Autowired
    MongoClient mongo;

    @Test
    void anErasedPersonsCaseKeepsItsNumbersAndLosesTheirText() {
        CLOCK.set(Instant.parse("2020-01-25T02:00:00Z"));
        PersonId person = PersonId.random();
        publish("registry", "Person", person.value(), 0, new PersonRegistered(person, NAME,
                ResidentIdNumber.of("411324199003074562"), PHONE, Origin.WUHAN, LocalDate.parse("2020-01-24"),
                "安国小区", ADDRESS, null, RegistrationSource.GRID_VISIT, Instant.parse("2020-01-25T01:00:00Z"), false,
                "registrar-1"), COMMUNITY);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(get(
                "/api/v1/quarantines?personId=" + person.value(), "X-Community-Id", COMMUNITY)).get("items")).hasSize(1));
        String caseId = json(get("/api/v1/quarantines?personId=" + person.value(), "X-Community-Id", COMMUNITY))
                .get("items").get(0).get("id").asText();
        HttpResponse<String> symptoms = post("/api/v1/quarantines/" + caseId + "/symptoms",
                "{\"symptoms\":[\"cough\"],\"notes\":\"" + SYMPTOM_NOTE + "\",\"occurredAt\":\"2020-01-25T01:30:00Z\"}",
                "X-Actor-Role", "medic", "X-Community-Id", COMMUNITY);
        assertThat(symptoms.statusCode()).as(symptoms.body()).isEqualTo(200);
        HttpResponse<String> supplies = post("/api/v1/quarantines/" + caseId + "/supply-requests",
                "{\"items\":[\"大米 5kg\"],\"notes\":\"" + SUPPLY_NOTE + "\",\"address\":\"" + SUPPLY_ADDRESS + "\"}",
                "X-Community-Id", COMMUNITY);
        assertThat(supplies.statusCode()).as(supplies.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> readSide().contains(SYMPTOM_NOTE)
                && readSide().contains(SUPPLY_NOTE));
        assertThat(readSide()).contains(ADDRESS);
        String board = board();

        publish("registry", "Erasure", "erasure-" + person.value(), 0,
                new PersonErased(person.value(), "purpose ended", "admin-1", Instant.parse("2020-03-01T00:00:00Z")),
                COMMUNITY);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(database().getCollection(RegistryPersons.COLLECTION)
                    .find(Filters.eq("_id", person.value())).first().getString("address")).isEqualTo(PersonalData.ERASED);
            assertThat(readSide()).doesNotContain(NAME, PHONE, ADDRESS, SYMPTOM_NOTE, SUPPLY_NOTE, SUPPLY_ADDRESS);
        });
        JsonNode shown = json(get("/api/v1/quarantines/" + caseId, "X-Community-Id", COMMUNITY));
        assertThat(shown.get("symptoms").get(0).get("notes").asText()).isEqualTo(PersonalData.ERASED);
        assertThat(shown.get("symptoms").get(0).get("symptoms").get(0).asText()).isEqualTo("cough");
        assertThat(shown.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(database().getCollection(CaseProjection.CASES).find(Filters.eq("_id", caseId)).first()
                .getList("supplyRequests", Document.class).get(0).getString("address")).isEqualTo(PersonalData.ERASED);
        assertThat(board()).isEqualTo(board);
    }

    private String board() {
        HttpResponse<String> response = get("/api/v1/boards/quarantine", "X-Community-Id", COMMUNITY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private MongoDatabase database() {
        return mongo.getDatabase("lianfang_quarantine");
    }

    /** Every document of every collection of quarantine's database but the event store, as stored. */
    private String readSide() {
        StringBuilder all = new StringBuilder();
        for (String collection : database().listCollectionNames()) {
            if (!EVENT_STORE.contains(collection)) {
                database().getCollection(collection).find().forEach(d -> all.append(d.toJson()).append('\n'));
            }
        }
        return all.toString();
    }
}
