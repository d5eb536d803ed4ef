package org.lianfang.checkpoint.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.lianfang.checkpoint.CheckpointSpringTest;
import org.lianfang.contracts.privacy.PersonErased;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.contracts.registry.CausingEvent;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.contracts.registry.RiskColourChanged;
import org.lianfang.platform.pii.PiiHasher;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The gate's copy of the registry's people and an erased person: a registration read after erasure
 * (no ID number) is projected without failing, and {@code PersonErased} removes the keyed hash that
 * let the gate find the person by their card, keeping colour and origin for the counts.
 */
class RegistryPeopleErasureTest extends CheckpointSpringTest {

    private static final String ID_NUMBER = "411324198501010001";
    private static final Instant AT = Instant.parse("2020-01-25T01:00:00Z");

    @Autowired
    PiiHasher hasher;

    @Test
    void anErasedPersonIsNoLongerFoundByTheirCardAndStillCounted() {
        String community = community();
        PersonId person = PersonId.random();
        String first17 = ID_NUMBER.substring(0, 17);
        String number = first17 + ResidentIdNumber.checkCharacter(first17);
        String hash = hasher.hash(number);
        publish("registry", community, "Person", person.value(), registered(person, "赵六", ResidentIdNumber.of(number)),
                new RiskColourChanged(person, null, RiskColour.RED, "WUHAN_RETURNEE", "v1",
                        "arrived from Wuhan", null, new CausingEvent("PersonRegistered", 0), AT));
        await().atMost(Duration.ofSeconds(30)).until(() -> doc(person) != null && doc(person).get("colour") != null);
        assertThat(doc(person).getString("idHash")).isEqualTo(hash);
        assertThat(database().getCollection(RegistryPeople.ID_NUMBERS).find(Filters.eq("_id", hash)).first())
                .isNotNull();

        PersonId erasedBefore = PersonId.random();
        publish("registry", community, "Person", erasedBefore.value(),
                registered(erasedBefore, PersonalData.ERASED, null));
        publish("registry", community, "Erasure", "erasure-" + person.value(),
                new PersonErased(person.value(), "purpose ended", "admin-1", AT.plusSeconds(60)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(doc(person).get("idHash")).isNull();
            assertThat(database().getCollection(RegistryPeople.ID_NUMBERS).find(Filters.eq("_id", hash)).first())
                    .isNull();
        });
        assertThat(doc(person).getString("colour")).isEqualTo("RED");
        assertThat(doc(person).getString("origin")).isEqualTo("WUHAN");
        assertThat(doc(person).getString("compound")).isEqualTo("安国小区");
        Document replayed = doc(erasedBefore);
        assertThat(replayed).as("a registration read after erasure is still projected").isNotNull();
        assertThat(replayed.get("idHash")).isNull();
        assertThat(replayed.getString("origin")).isEqualTo("WUHAN");
        assertThat(everything()).doesNotContain(hash, number);
    }

    private static PersonRegistered registered(PersonId person, String name, ResidentIdNumber number) {
        return new PersonRegistered(person, name, number, null, Origin.WUHAN, null, "安国小区", null, null,
                RegistrationSource.GRID_VISIT, AT, false, "registrar-1");
    }

    private Document doc(PersonId person) {
        return database().getCollection(RegistryPeople.PEOPLE).find(Filters.eq("_id", person.value())).first();
    }

    private MongoDatabase database() {
        return mongo.getDatabase("lianfang_checkpoint");
    }

    /** Every document of every collection of the checkpoint's database, as stored. */
    private String everything() {
        StringBuilder all = new StringBuilder();
        MongoDatabase db = database();
        for (String collection : db.listCollectionNames()) {
            db.getCollection(collection).find().forEach(d -> all.append(d.toJson()).append('\n'));
        }
        return all.toString();
    }
}
