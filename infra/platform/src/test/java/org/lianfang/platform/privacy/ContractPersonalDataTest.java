package org.lianfang.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.devstore.DevStore;
import org.lianfang.eventstore.EventStoreSerializers;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/** The published language's personal data: every annotated event has a subject, and round-trips. */
class ContractPersonalDataTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "registry.PersonRegistered", "registry.PersonDetailsCorrected", "registry.TraceCallRecorded",
            "registry.PersonDeparted", "registry.ColourOverrideSet", "registry.ColourOverrideLifted",
            "quarantine.SymptomReported", "quarantine.SupplyRequested",
            "volunteer.VolunteerEnrolled", "volunteer.ShiftCheckedIn"})
    void everyAnnotatedContractEventNamesWhosePersonalDataItCarries(String type) throws ClassNotFoundException {
        PersonalFields fields = PersonalFields.of(Class.forName("org.lianfang.contracts." + type));
        assertThat(fields.isEmpty()).isFalse();
    }

    @Test
    void aRegisteredPersonIsStoredWithoutNameNumberPhoneOrAddressAndReadBackWhole() {
        try (DevStore store = DevStore.memory(); MongoClient client = MongoClients.create(store.uri())) {
            PersonalDataSerializer serializer = serializer(client);
            PersonRegistered event = registered();

            String stored = serializer.serialize(event, String.class).getData();

            assertThat(stored).doesNotContain("王五", "41132419900307456", "19900000001", "1号楼")
                    .contains("WUHAN", "安国小区");
            assertThat((Object) serializer.deserialize(serializer.serialize(event, String.class))).isEqualTo(event);
        }
    }

    /**
     * Not a test of speed (no assertion on time): prints what encryption costs per event, measured
     * against the bare serializer in the same run. {@code -Dprivacy.cost=true} runs it.
     */
    @Test
    @EnabledIfSystemProperty(named = "privacy.cost", matches = "true")
    void printsTheCostPerEvent() {
        try (DevStore store = DevStore.memory(); MongoClient client = MongoClients.create(store.uri())) {
            JacksonSerializer bare = EventStoreSerializers.jackson();
            PersonalDataSerializer wrapped = serializer(client);
            PersonRegistered event = registered();
            int rounds = 20_000;
            for (int warm = 0; warm < 3; warm++) {
                measure(bare, event, rounds);
                measure(wrapped, event, rounds);
            }
            long[] plain = measure(bare, event, rounds);
            long[] crypto = measure(wrapped, event, rounds);
            System.out.printf("privacy cost per PersonRegistered (%d rounds): serialize %.1f µs -> %.1f µs, "
                            + "deserialize %.1f µs -> %.1f µs%n", rounds,
                    plain[0] / 1000.0 / rounds, crypto[0] / 1000.0 / rounds,
                    plain[1] / 1000.0 / rounds, crypto[1] / 1000.0 / rounds);
        }
    }

    private static long[] measure(Serializer serializer, Object event, int rounds) {
        long serialize = 0;
        long deserialize = 0;
        Object sink = null;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            SerializedObject<String> data = serializer.serialize(event, String.class);
            long t1 = System.nanoTime();
            sink = serializer.deserialize(data);
            long t2 = System.nanoTime();
            serialize += t1 - t0;
            deserialize += t2 - t1;
        }
        assertThat(sink).isEqualTo(event);
        return new long[]{serialize, deserialize};
    }

    private static PersonalDataSerializer serializer(MongoClient client) {
        return new PersonalDataSerializer(EventStoreSerializers.jackson(), new SubjectKeys(
                client.getDatabase("lianfang_keys"), new MasterKey("contract-test-master-key-0123456789abcdef"),
                Duration.ofMinutes(5), Clock.systemUTC()));
    }

    private static PersonRegistered registered() {
        return new PersonRegistered(PersonId.of("p-1"), "王五", ResidentIdNumber.of("411324199003074562"),
                "19900000001", Origin.WUHAN, LocalDate.of(2020, 1, 24), "安国小区", "1号楼 1单元 100室", "自驾",
                RegistrationSource.COUNTY_LIST, Instant.parse("2020-01-25T08:00:00Z"), true, "registrar-1");
    }
}
