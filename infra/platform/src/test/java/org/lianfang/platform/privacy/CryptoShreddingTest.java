package org.lianfang.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.devstore.DevStore;
import org.lianfang.eventstore.EventStoreSerializers;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.platform.privacy.PatientEvents.Ambiguous;
import org.lianfang.platform.privacy.PatientEvents.PatientAdmitted;
import org.lianfang.platform.privacy.PatientEvents.QuarantineBegan;

/**
 * Crypto-shredding on the real engine and the embedded store: what is stored, what services read,
 * and what is left after a person's key is destroyed.
 */
class CryptoShreddingTest {

    private static final String MASTER = "test-master-key-0123456789abcdef0123456789";
    private static final String ZHANG_NAME = "张三丰";
    private static final String ZHANG_ID = "41132419800101123X";
    private static final String ZHANG_PHONE = "13912345678";
    private static final String ZHANG_NOTE = "住在安国路3号楼后院";
    private static final String LI_NAME = "李四光";

    private DevStore store;
    private MongoClient client;
    private IndexedMongoEventStorageEngine engine;
    private final AtomicLong sequence = new AtomicLong();

    @BeforeEach
    void start() {
        store = DevStore.memory();
        client = MongoClients.create(store.uri());
        engine = engine(keys(MASTER));
    }

    @AfterEach
    void stop() {
        engine.shutDown();
        client.close();
        store.close();
    }

    @Test
    void theStoredBytesHoldNoPersonalFieldYetServicesReadPlainValues() {
        storeZhangAndLi();

        String stored = everythingStored();
        assertThat(stored).doesNotContain(ZHANG_NAME, ZHANG_ID, ZHANG_PHONE, ZHANG_NOTE, LI_NAME)
                .contains("$enc", "ward-3");

        List<Object> payloads = payloads(engine);
        PatientAdmitted zhang = (PatientAdmitted) payloads.get(0);
        assertThat(zhang.name()).isEqualTo(ZHANG_NAME);
        assertThat(zhang.idNumber()).isEqualTo(ResidentIdNumber.of(ZHANG_ID));
        assertThat(zhang.phone()).isEqualTo(ZHANG_PHONE);
        assertThat(zhang.ward()).isEqualTo("ward-3");
        assertThat(((QuarantineBegan) payloads.get(2)).note()).isEqualTo(ZHANG_NOTE);
        assertThat(((PatientAdmitted) payloads.get(1)).name()).isEqualTo(LI_NAME);
    }

    @Test
    void afterErasureNoPlaintextRemainsAndEveryReaderSeesTheMarkerWhileLiIsUntouched() {
        storeZhangAndLi();
        keys(MASTER).destroy("zhang", "admin-1", Instant.now());

        assertThat(everythingStored()).doesNotContain(ZHANG_NAME, ZHANG_ID, ZHANG_PHONE, ZHANG_NOTE, LI_NAME);
        // another process (a fresh key cache), e.g. a service consuming these events
        List<Object> payloads = payloads(engine(keys(MASTER)));
        PatientAdmitted zhang = (PatientAdmitted) payloads.get(0);
        assertThat(zhang.name()).isEqualTo(PersonalData.ERASED);
        assertThat(zhang.phone()).isEqualTo(PersonalData.ERASED);
        assertThat(zhang.idNumber()).isNull();
        assertThat(zhang.ward()).isEqualTo("ward-3");
        assertThat(zhang.ageBand()).isEqualTo(40);
        assertThat(((QuarantineBegan) payloads.get(2)).note()).isEqualTo(PersonalData.ERASED);
        assertThat(((PatientAdmitted) payloads.get(1)).name()).isEqualTo(LI_NAME);
    }

    @Test
    void aProjectionRebuiltFromScratchShowsThePersonErasedWithTheSameCounts() {
        storeZhangAndLi();
        WardBoard before = WardBoard.rebuild(payloads(engine));
        assertThat(before.names()).containsEntry("zhang", ZHANG_NAME);

        keys(MASTER).destroy("zhang", "admin-1", Instant.now());
        WardBoard after = WardBoard.rebuild(payloads(engine(keys(MASTER))));

        assertThat(after.admittedPerWard()).isEqualTo(before.admittedPerWard()).containsEntry("ward-3", 2);
        assertThat(after.quarantined()).isEqualTo(before.quarantined()).isEqualTo(1);
        assertThat(after.names()).containsEntry("zhang", PersonalData.ERASED).containsEntry("li", LI_NAME);
    }

    @Test
    void whatIsWrittenAboutAnErasedPersonLaterIsNeverReadableAndNoKeyIsCreatedAgain() {
        SubjectKeys keys = keys(MASTER);
        keys.destroy("wang", "admin-1", Instant.now());
        IndexedMongoEventStorageEngine writer = engine(keys);
        append(writer, "wang", new PatientAdmitted("wang", "王五", ResidentIdNumber.of(ZHANG_ID), null, "ward-1", 30));

        assertThat(everythingStored()).doesNotContain("王五", ZHANG_ID);
        assertThat(keys.keyForReading("wang")).isEmpty();
        PatientAdmitted wang = (PatientAdmitted) payloads(writer).get(0);
        assertThat(wang.name()).isEqualTo(PersonalData.ERASED);
        assertThat(wang.phone()).isNull();
        assertThat(wang.ward()).isEqualTo("ward-1");
    }

    @Test
    void aCiphertextMovedIntoAnotherPersonsEventDoesNotDecrypt() {
        storeZhangAndLi();
        MongoDatabase db = client.getDatabase("lianfang_test");
        Document zhangCommit = db.getCollection(IndexedMongoEventStorageEngine.COMMITS).find(new Document("agg", "zhang")).first();
        String zhangPayload = zhangCommit.getList("events", Document.class).get(0).getString("p");
        String forged = zhangPayload.replace("\"s\":\"zhang\"", "\"s\":\"li\"");
        zhangCommit.getList("events", Document.class).get(0).put("p", forged);
        db.getCollection(IndexedMongoEventStorageEngine.COMMITS).replaceOne(new Document("_id", zhangCommit.get("_id")), zhangCommit);

        assertThatThrownBy(() -> payloads(engine(keys(MASTER)))).isInstanceOf(Aead.TamperedException.class);
    }

    @Test
    void aServiceWithAnotherMasterKeyIsToldSoInsteadOfReadingGarbage() {
        storeZhangAndLi();
        assertThatThrownBy(() -> payloads(engine(keys("another-master-key-0123456789abcdef0123"))))
                .hasStackTraceContaining("another master key");
    }

    @Test
    void aLostKeysCollectionIsReportedNotPassedOffAsAnErasure() {
        storeZhangAndLi();
        client.getDatabase("lianfang_keys").drop();
        assertThatThrownBy(() -> payloads(engine(keys(MASTER)))).hasStackTraceContaining("no key is stored");
    }

    @Test
    void personalDataWhoseSubjectIsAmbiguousIsRefusedNotStoredInPlainText() {
        assertThatThrownBy(() -> append(engine, "household-1",
                new Ambiguous(List.of("zhang", "li"), "安国路3号")))
                .hasStackTraceContaining("@DataSubject");
        assertThat(everythingStored()).doesNotContain("安国路3号");
    }

    @Test
    void typesWithoutPersonalDataAreStoredExactlyAsTheBareSerializerStoresThem() {
        PersonalDataSerializer wrapped = new PersonalDataSerializer(EventStoreSerializers.jackson(), keys(MASTER));
        Object plain = new PatientEvents.VisitEnded("zhang");
        assertThat(wrapped.serialize(plain, String.class).getData())
                .isEqualTo(EventStoreSerializers.jackson().serialize(plain, String.class).getData());
    }

    // ------------------------------------------------------------------ helpers

    /** A projection of the kind a service keeps: counts per ward and names by person. */
    record WardBoard(Map<String, Integer> admittedPerWard, int quarantined, Map<String, String> names) {
        static WardBoard rebuild(List<Object> events) {
            Map<String, Integer> perWard = new TreeMap<>();
            Map<String, String> names = new TreeMap<>();
            int quarantined = 0;
            for (Object event : events) {
                if (event instanceof PatientAdmitted admitted) {
                    perWard.merge(admitted.ward(), 1, Integer::sum);
                    names.put(admitted.personId(), admitted.name());
                } else if (event instanceof QuarantineBegan) {
                    quarantined++;
                }
            }
            return new WardBoard(perWard, quarantined, names);
        }
    }

    private void storeZhangAndLi() {
        append(engine, "zhang", new PatientAdmitted("zhang", ZHANG_NAME, ResidentIdNumber.of(ZHANG_ID), ZHANG_PHONE,
                "ward-3", 40));
        append(engine, "li", new PatientAdmitted("li", LI_NAME, null, null, "ward-3", 60));
        append(engine, "zhang", new QuarantineBegan("zhang", "ward-3", ZHANG_NOTE));
    }

    private void append(IndexedMongoEventStorageEngine target, String aggregate, Object payload) {
        List<String> persons = payload instanceof org.lianfang.contracts.PersonScoped scoped
                ? scoped.personIds() : List.of(aggregate);
        long seq = target.lastSequenceNumberFor(aggregate).map(s -> s + 1).orElse(0L);
        target.appendEvents(List.<EventMessage<?>>of(new GenericDomainEventMessage<>("Patient", aggregate, seq,
                payload, MetaData.with(MetadataKeys.PERSON_IDS, persons))));
        sequence.incrementAndGet();
    }

    private static List<Object> payloads(IndexedMongoEventStorageEngine source) {
        List<Object> payloads = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> events = source.readEvents(null, false)) {
            events.forEach(e -> payloads.add(e.getPayload()));
        }
        return payloads;
    }

    /** Every document of every collection of every database, as JSON. */
    private String everythingStored() {
        StringBuilder all = new StringBuilder();
        for (String name : client.listDatabaseNames()) {
            MongoDatabase db = client.getDatabase(name);
            for (String collection : db.listCollectionNames()) {
                for (Document doc : db.getCollection(collection).find()) {
                    all.append(doc.toJson()).append('\n');
                }
            }
        }
        return all.toString();
    }

    private SubjectKeys keys(String master) {
        return new SubjectKeys(client.getDatabase("lianfang_keys"), new MasterKey(master), Duration.ofMinutes(5),
                Clock.systemUTC());
    }

    private IndexedMongoEventStorageEngine engine(SubjectKeys keys) {
        return IndexedMongoEventStorageEngine.builder()
                .database(client.getDatabase("lianfang_test"))
                .eventSerializer(new PersonalDataSerializer(EventStoreSerializers.jackson(), keys))
                .snapshotSerializer(EventStoreSerializers.snapshots())
                .writeConcern(com.mongodb.WriteConcern.W1)
                .build();
    }
}
