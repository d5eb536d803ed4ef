package org.lianfang.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.contracts.quarantine.MeasurementMethod;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.TemperatureRecorded;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.devstore.DevStore;
import org.lianfang.eventstore.EventStoreSerializers;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.platform.events.EventEntries;
import org.lianfang.platform.privacy.PatientEvents.PatientAdmitted;

/**
 * A trail's entries read their payloads from the stored JSON text, personal fields opened, instead
 * of deserializing each payload to its class and converting it back: the entries are the same as
 * the object path builds — personal data opened and masked, nanosecond instants, value objects as
 * their JSON — except that a decimal keeps the scale it was recorded with (the object path's tree
 * strips trailing zeros: 37.50 became 37.5); once the person's key is destroyed, the same erased markers.
 */
class EntriesFromStoredTextTest {

    /** Spring Boot's mapper as the services have it (ISO dates, Java time). */
    private final ObjectMapper springLike = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void entriesFromTheStoredTextEqualEntriesFromThePayloadObjects() {
        try (DevStore store = DevStore.memory(); MongoClient client = MongoClients.create(store.uri())) {
            SubjectKeys keys = new SubjectKeys(client.getDatabase("lianfang_keys"),
                    new MasterKey("entries-test-master-key-0123456789abcdef"), Duration.ofMinutes(5), Clock.systemUTC());
            IndexedMongoEventStorageEngine engine = IndexedMongoEventStorageEngine.builder()
                    .database(client.getDatabase("lianfang_test"))
                    .eventSerializer(new PersonalDataSerializer(EventStoreSerializers.jackson(), keys))
                    .snapshotSerializer(EventStoreSerializers.snapshots())
                    .writeConcern(com.mongodb.WriteConcern.W1)
                    .build();
            EventEntries fromObjects = new EventEntries(springLike, "test");
            EventEntries fromText = new EventEntries(springLike, "test", engine.getEventSerializer());

            Instant nanos = Instant.parse("2020-01-26T08:00:00.123456789Z");
            append(engine, "p-1", 0, new PersonRegistered(PersonId.of("p-1"), "王五", ResidentIdNumber.of("411324199003074562"),
                    "19900000001", Origin.WUHAN, LocalDate.of(2020, 1, 24), "安国小区", "1号楼 1单元 100室", "自驾",
                    RegistrationSource.COUNTY_LIST, nanos, true, "registrar-1"));
            append(engine, "case-1", 0, new TemperatureRecorded(QuarantineCaseId.of("case-1"), "p-1",
                    new BigDecimal("37.50"), MeasurementMethod.values()[0], "medic-1", nanos, nanos.plusSeconds(1)));
            append(engine, "case-1", 1, new TemperatureRecorded(QuarantineCaseId.of("case-1"), "p-1",
                    new BigDecimal("100.0"), MeasurementMethod.values()[0], "medic-1", nanos, nanos.plusSeconds(2)));
            append(engine, "p-1", 1, new PatientAdmitted("p-1", "王五", null, "13912345678", "ward.3", 40));

            List<? extends TrackedEventMessage<?>> read = engine.readPersonEvents("p-1");
            assertThat(read).hasSize(4);
            for (TrackedEventMessage<?> event : read) {
                assertSameEntry(fromText.entry(event, 1), fromObjects.entry(event, 1));
            }
            JsonNode registered = fromText.entry(read.get(0), 1).path("payload");
            assertThat(registered.path("name").asText()).isEqualTo("王五");
            JsonNode first = fromText.entry(read.get(0), 1);
            assertThat(first.path("actor").asText()).isEqualTo("op-1");
            assertThat(first.path("correlationId").asText()).isEqualTo("corr-p-1-0");
            assertThat(first.path("communityId").asText()).isEqualTo("anguo");
            assertThat(first.path("personIds").toString()).isEqualTo("[\"p-1\"]");
            assertThat(registered.path("residentIdNumber").asText()).isEqualTo("4113**********4562");
            assertThat(registered.path("registeredAt").asText()).isEqualTo("2020-01-26T08:00:00.123456789Z");
            // exactly as recorded: the object path's tree strips a decimal's trailing zeros (37.50 -> 37.5)
            assertThat(fromText.entry(read.get(1), 2).path("payload").path("celsius").toString()).isEqualTo("37.50");
            assertThat(fromText.entry(read.get(1), 2).path("summary").asText()).isEqualTo("Temperature recorded (celsius 37.50)");
            assertThat(fromText.entry(read.get(2), 3).path("payload").path("celsius").toString()).isEqualTo("100.0");

            keys.destroy("p-1", "admin-1", Instant.now());
            List<? extends TrackedEventMessage<?>> erased = engine.readPersonEvents("p-1");
            for (TrackedEventMessage<?> event : erased) {
                assertSameEntry(fromText.entry(event, 1), fromObjects.entry(event, 1));
            }
            JsonNode afterErasure = fromText.entry(erased.get(0), 1).path("payload");
            assertThat(afterErasure.path("name").asText()).isEqualTo(PersonalData.ERASED);
            assertThat(afterErasure.path("origin").asText()).isEqualTo("WUHAN");
            assertThat(fromText.entry(erased.get(3), 1).path("payload").path("phone").asText()).isEqualTo(PersonalData.ERASED);
        }
    }

    /** The same entry: every field equal, numbers by value (the text path keeps a decimal's scale, the object path does not). */
    private static void assertSameEntry(JsonNode fromText, JsonNode fromObjects) {
        Comparator<JsonNode> byValue = (a, b) -> a.isNumber() && b.isNumber()
                ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;
        ObjectNode text = fromText.deepCopy();
        ObjectNode objects = fromObjects.deepCopy();
        assertThat(text.remove("payload").equals(byValue, objects.remove("payload")))
                .as("payload %s vs %s", fromText.path("payload"), fromObjects.path("payload")).isTrue();
        text.remove("summary");
        objects.remove("summary");
        assertThat(text).isEqualTo(objects);
    }

    private static void append(IndexedMongoEventStorageEngine engine, String aggregate, long seq, Object payload) {
        engine.appendEvents(List.<EventMessage<?>>of(new GenericDomainEventMessage<>("Test", aggregate, seq, payload,
                MetaData.with(MetadataKeys.PERSON_IDS, List.of("p-1")).and(MetadataKeys.ACTOR, "op-1")
                        .and(MetadataKeys.CORRELATION_ID, "corr-" + aggregate + "-" + seq)
                        .and(MetadataKeys.COMMUNITY_ID, "anguo"))));
    }
}
