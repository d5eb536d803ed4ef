package org.lianfang.registry.person.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.registry.CausingEvent;
import org.lianfang.contracts.registry.ColourOwner;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.OwnerRole;
import org.lianfang.contracts.registry.PersonDetailsCorrected;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.contracts.registry.RiskColourChanged;
import org.lianfang.devstore.DevStore;

class PersonProjectionTest {

    private static final PersonRegistered REGISTERED = new PersonRegistered(PersonId.of("p-1"), "李四",
            new ResidentIdNumber("41132419800101123X"), null, Origin.HUBEI_OTHER, LocalDate.of(2020, 1, 23),
            null, null, null, null, Instant.parse("2020-01-25T08:30:00.123456789Z"), null, null);

    private DevStore server;
    private MongoClient client;
    private MongoDatabase database;
    private PersonProjection projection;

    @BeforeEach
    void start() {
        server = DevStore.memory();
        client = MongoClients.create(server.uri());
        database = client.getDatabase("lianfang_registry");
        projection = new PersonProjection(database);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void aRegisteredPersonCanBeFoundWithTheIdNumberMasked() {
        projection.on(REGISTERED, 0L, "anguo", "registrar-1");

        PersonView view = projection.find("p-1").orElseThrow();

        assertThat(view.name()).isEqualTo("李四");
        assertThat(view.residentIdNumber()).isEqualTo("4113**********123X");
        assertThat(view.communityId()).isEqualTo("anguo");
        assertThat(view.registeredBy()).isEqualTo("registrar-1");
        assertThat(view.registeredAt()).isEqualTo(REGISTERED.registeredAt());
        assertThat(view.arrivalDate()).isEqualTo(LocalDate.of(2020, 1, 23));
    }

    @Test
    void theReadCollectionNeverHoldsTheWholeIdNumber() {
        projection.on(REGISTERED, 0L, "anguo", "registrar-1");

        Document stored = database.getCollection(PersonProjection.COLLECTION).find().first();

        assertThat(stored.toJson()).doesNotContain("41132419800101123X");
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        projection.on(REGISTERED, 0L, "anguo", "registrar-1");
        Document first = database.getCollection(PersonProjection.COLLECTION).find().first();

        projection.on(REGISTERED, 0L, "anguo", "registrar-1");

        assertThat(database.getCollection(PersonProjection.COLLECTION).countDocuments()).isEqualTo(1);
        assertThat(database.getCollection(PersonProjection.COLLECTION).find().first()).isEqualTo(first);
    }

    @Test
    void correctionsAndColourChangesAreAppliedOnceInOrder() {
        projection.on(REGISTERED, 0L, "anguo", "registrar-1");
        PersonDetailsCorrected corrected = new PersonDetailsCorrected(PersonId.of("p-1"), List.of("name", "origin"),
                "李四四", null, Origin.WUHAN, null, null, null, null, null, "registrar-2", REGISTERED.registeredAt());
        RiskColourChanged red = new RiskColourChanged(PersonId.of("p-1"), RiskColour.YELLOW, RiskColour.RED,
                "UNREACHABLE", "v1", "3 calls", new ColourOwner(List.of(OwnerRole.PARTY_SECRETARY), null),
                new CausingEvent("TraceCallRecorded", 4), REGISTERED.registeredAt());

        projection.on(corrected, 2L);
        projection.on(red, 5L);
        Document once = database.getCollection(PersonProjection.COLLECTION).find().first();
        projection.on(corrected, 2L);
        projection.on(red, 5L);

        PersonView view = projection.find("p-1").orElseThrow();
        assertThat(view.name()).isEqualTo("李四四");
        assertThat(view.origin()).isEqualTo(Origin.WUHAN);
        assertThat(view.arrivalDate()).isEqualTo(LocalDate.of(2020, 1, 23));
        assertThat(view.colour()).isEqualTo(RiskColour.RED);
        assertThat(projection.findProjected("p-1").orElseThrow().version()).isEqualTo(5L);
        assertThat(database.getCollection(PersonProjection.COLLECTION).find().first()).isEqualTo(once);
    }

    @Test
    void anOlderCorrectionRedeliveredAfterANewerOneIsIgnored() {
        projection.on(REGISTERED, 0L, "anguo", "registrar-1");
        PersonId id = PersonId.of("p-1");
        projection.on(new PersonDetailsCorrected(id, List.of("name"), "新", null, null, null, null, null, null, null,
                "r", REGISTERED.registeredAt()), 3L);

        projection.on(new PersonDetailsCorrected(id, List.of("name"), "旧", null, null, null, null, null, null, null,
                "r", REGISTERED.registeredAt()), 2L);

        assertThat(projection.find("p-1").orElseThrow().name()).isEqualTo("新");
    }

    @Test
    void anUnknownPersonIsNotFound() {
        assertThat(projection.find("nobody")).isEmpty();
    }
}
