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
import java.util.List;
import org.axonframework.serialization.SimpleSerializedObject;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.checkpoint.UnregisteredArrivalDetected;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.volunteer.DeliveryOrderId;
import org.lianfang.contracts.volunteer.DeliveryOrdered;
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
            "volunteer.VolunteerEnrolled", "volunteer.ShiftCheckedIn", "volunteer.DeliveryOrdered",
            "checkpoint.UnregisteredArrivalDetected"})
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

    @Test
    void aDeliveryOrderIsStoredWithoutAddressOrNotesUnderItsPersonsKeyAndShreddedWithThem() {
        try (DevStore store = DevStore.memory(); MongoClient client = MongoClients.create(store.uri())) {
            SubjectKeys keys = keys(client);
            PersonalDataSerializer serializer = new PersonalDataSerializer(EventStoreSerializers.jackson(), keys);
            DeliveryOrdered order = order(List.of("p-7", "p-8"));

            String stored = serializer.serialize(order, String.class).getData();

            assertThat(stored).doesNotContain("燕子坞", "请放门口").contains("\"subjectId\":\"p-7\"", "anguo", "大米");
            assertThat((Object) serializer.deserialize(serializer.serialize(order, String.class))).isEqualTo(order);
            keys.destroy("p-7", "admin-1", Instant.now());
            DeliveryOrdered erased = serializer.deserialize(new SimpleSerializedObject<>(stored, String.class,
                    serializer.typeForClass(DeliveryOrdered.class)));
            assertThat(erased.address()).isEqualTo(PersonalData.ERASED);
            assertThat(erased.notes()).isEqualTo(PersonalData.ERASED);
            assertThat(erased.items()).containsExactly("大米");
            assertThat(erased.personIds()).containsExactly("p-7", "p-8");
        }
    }

    @Test
    void anOrderNamingNoPersonIsKeyedByItselfAndAnArrivalByItsKnownPersonElseItsCrossing() {
        assertThat(order(List.of()).subjectId()).isEqualTo("delivery-order:order-1");
        assertThat(arrival(null).subjectId()).isEqualTo("arrival:crossing-1");
        assertThat(arrival("p-9").subjectId()).isEqualTo("p-9");
        try (DevStore store = DevStore.memory(); MongoClient client = MongoClients.create(store.uri())) {
            PersonalDataSerializer serializer = serializer(client);
            String stored = serializer.serialize(arrival(null), String.class).getData();
            assertThat(stored).doesNotContain("欧阳锋", "13900000077", "41132419900307456X")
                    .contains("arrival:crossing-1", "WUHAN", "武汉");
            assertThat((Object) serializer.deserialize(serializer.serialize(arrival(null), String.class)))
                    .isEqualTo(arrival(null));
        }
    }

    /** Events stored before the subject component existed are plain text without it: they still read. */
    @Test
    void eventsStoredInPlainTextBeforeTheyWereAnnotatedStillRead() {
        try (DevStore store = DevStore.memory(); MongoClient client = MongoClients.create(store.uri())) {
            PersonalDataSerializer serializer = serializer(client);
            com.fasterxml.jackson.databind.node.ObjectNode old = EventStoreSerializers.objectMapper()
                    .valueToTree(order(List.of("p-7")));
            old.remove("subjectId");
            DeliveryOrdered order = serializer.deserialize(new SimpleSerializedObject<>(old.toString(), String.class,
                    serializer.typeForClass(DeliveryOrdered.class)));
            assertThat(order.address()).isEqualTo("燕子坞 7号楼 702室");
            assertThat(order.subjectId()).isEqualTo("p-7");

            com.fasterxml.jackson.databind.node.ObjectNode oldArrival = EventStoreSerializers.objectMapper()
                    .valueToTree(arrival(null));
            oldArrival.remove("subjectId");
            UnregisteredArrivalDetected arrival = serializer.deserialize(new SimpleSerializedObject<>(
                    oldArrival.toString(), String.class, serializer.typeForClass(UnregisteredArrivalDetected.class)));
            assertThat(arrival.name()).isEqualTo("欧阳锋");
            assertThat(arrival.subjectId()).isEqualTo("arrival:crossing-1");
        }
    }

    private static DeliveryOrdered order(List<String> persons) {
        return new DeliveryOrdered(DeliveryOrderId.of("order-1"), "anguo", "安国小区", "h-1", "燕子坞 7号楼 702室", persons,
                List.of("大米"), null, null, "请放门口", null, true, "household in quarantine", "op-1",
                Instant.parse("2020-01-27T08:00:00Z"));
    }

    private static UnregisteredArrivalDetected arrival(String knownPerson) {
        Instant at = Instant.parse("2020-01-26T08:00:00Z");
        return new UnregisteredArrivalDetected("crossing-1", CheckpointId.of("north-gate"), "anguo", knownPerson,
                "41132419900307456X", "欧阳锋", "13900000077", Origin.WUHAN, "武汉", LocalDate.of(2020, 1, 26),
                "unknown to the registry", "op-1", at, at);
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
        return new PersonalDataSerializer(EventStoreSerializers.jackson(), keys(client));
    }

    private static SubjectKeys keys(MongoClient client) {
        return new SubjectKeys(client.getDatabase("lianfang_keys"),
                new MasterKey("contract-test-master-key-0123456789abcdef"), Duration.ofMinutes(5), Clock.systemUTC());
    }

    private static PersonRegistered registered() {
        return new PersonRegistered(PersonId.of("p-1"), "王五", ResidentIdNumber.of("411324199003074562"),
                "19900000001", Origin.WUHAN, LocalDate.of(2020, 1, 24), "安国小区", "1号楼 1单元 100室", "自驾",
                RegistrationSource.COUNTY_LIST, Instant.parse("2020-01-25T08:00:00Z"), true, "registrar-1");
    }
}
