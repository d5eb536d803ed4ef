package org.lianfang.registry.person.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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

class PersonIndexTest {

    private static final Instant AT = Instant.parse("2020-01-25T08:30:00Z");

    private DevStore server;
    private MongoClient client;
    private PersonIndex index;

    @BeforeEach
    void start() {
        server = DevStore.memory();
        client = MongoClients.create(server.uri());
        MongoDatabase database = client.getDatabase("lianfang_registry");
        index = new PersonIndex(database);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void personsAreFoundByCompoundColourAndOriginAndMoveWhenTheirColourChanges() {
        register("p-1", "安国小区", Origin.WUHAN, RiskColour.YELLOW);
        register("p-2", "安国小区", Origin.ELSEWHERE, RiskColour.GREEN);
        register("p-3", "建设小区", Origin.WUHAN, RiskColour.YELLOW);

        assertThat(find("安国小区", null, null, null, 10)).containsExactly("p-1", "p-2");
        assertThat(find(null, RiskColour.YELLOW, Origin.WUHAN, null, 10)).containsExactly("p-1", "p-3");

        index.on(changed("p-1", RiskColour.YELLOW, RiskColour.RED), 4L);

        assertThat(find(null, RiskColour.YELLOW, null, null, 10)).containsExactly("p-3");
        assertThat(find("安国小区", RiskColour.RED, Origin.WUHAN, null, 10)).containsExactly("p-1");
    }

    @Test
    void pagesFollowTheCursor() {
        register("p-1", "安国小区", Origin.WUHAN, RiskColour.YELLOW);
        register("p-2", "安国小区", Origin.WUHAN, RiskColour.YELLOW);
        register("p-3", "安国小区", Origin.WUHAN, RiskColour.YELLOW);

        assertThat(find("安国小区", null, null, null, 2)).containsExactly("p-1", "p-2");
        assertThat(find("安国小区", null, null, "p-2", 2)).containsExactly("p-3");
    }

    @Test
    void aCorrectedCompoundMovesThePersonAndOldOrRedeliveredEventsChangeNothing() {
        register("p-1", "安国小区", Origin.WUHAN, RiskColour.YELLOW);
        index.on(new PersonDetailsCorrected(PersonId.of("p-1"), List.of("compound"), null, null, null, null, "建设小区",
                null, null, null, "registrar-2", AT), 2L);
        index.on(changed("p-1", RiskColour.YELLOW, RiskColour.RED), 3L);

        index.on(changed("p-1", null, RiskColour.YELLOW), 1L);
        index.on(registered("p-1", "安国小区", Origin.WUHAN), 0L, "anguo");

        assertThat(find("安国小区", null, null, null, 10)).isEmpty();
        assertThat(find("建设小区", RiskColour.RED, null, null, 10)).containsExactly("p-1");
    }

    @Test
    void communitiesAreKeptApartAndOwnersAndCountsFollowTheColour() {
        register("p-1", "安国小区", Origin.WUHAN, RiskColour.YELLOW);
        index.on(registered("p-9", "安国小区", Origin.WUHAN), 0L, "other");
        index.on(changed("p-9", null, RiskColour.YELLOW), 1L);
        index.on(new RiskColourChanged(PersonId.of("p-1"), RiskColour.YELLOW, RiskColour.YELLOW, "REACHED", "v1",
                "why", new ColourOwner(List.of(OwnerRole.NAMED_STAFF), "caller-1"), new CausingEvent("X", 2), AT), 3L);

        assertThat(index.find("anguo", null, null, null, null, null, 10)).containsExactly("p-1");
        assertThat(index.find(null, null, null, null, null, null, 10)).containsExactly("p-1", "p-9");
        assertThat(index.find("anguo", null, null, null, "caller-1", null, 10)).containsExactly("p-1");
        assertThat(index.find("anguo", null, null, null, "GRID_TEAM", null, 10)).isEmpty();
        assertThat(index.find("other", null, null, null, "GRID_TEAM", null, 10)).containsExactly("p-9");
        assertThat(index.counts("anguo")).containsExactly(
                new PersonIndex.Count("anguo", "安国小区", "YELLOW", "WUHAN", 1));
        assertThat(index.ownerCounts(null)).containsEntry("anguo", java.util.Map.of("caller-1", 1))
                .containsEntry("other", java.util.Map.of("GRID_TEAM", 1));
    }

    private List<String> find(String compound, RiskColour colour, Origin origin, String cursor, int limit) {
        return index.find("anguo", compound, colour, origin, null, cursor, limit);
    }

    private void register(String id, String compound, Origin origin, RiskColour colour) {
        index.on(registered(id, compound, origin), 0L, "anguo");
        index.on(changed(id, null, colour), 1L);
    }

    private static PersonRegistered registered(String id, String compound, Origin origin) {
        return new PersonRegistered(PersonId.of(id), "某人", new ResidentIdNumber("41132419800101123X"), null, origin,
                LocalDate.of(2020, 1, 24), compound, null, null, null, AT, null, "registrar-1");
    }

    private static RiskColourChanged changed(String id, RiskColour from, RiskColour to) {
        return new RiskColourChanged(PersonId.of(id), from, to, "RULE", "v1", "why",
                new ColourOwner(List.of(OwnerRole.GRID_TEAM), null), new CausingEvent("PersonRegistered", 0), AT);
    }
}
