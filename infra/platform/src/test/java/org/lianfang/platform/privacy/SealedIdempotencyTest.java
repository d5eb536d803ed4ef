package org.lianfang.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.platform.idempotency.IdempotencyStore;
import org.lianfang.platform.idempotency.StoredResponse;
import org.lianfang.platform.testapp.EmbeddedMongo;

/**
 * Responses kept for idempotent replays hold names and phones: with crypto-shredding on they are
 * stored sealed with the key of the person they are about, replay whole, and after that person's
 * erasure nothing readable is left; a response about nobody is sealed with the service's key.
 */
class SealedIdempotencyTest {

    private static EmbeddedMongo server;
    private static MongoClient client;
    private MongoDatabase database;
    private SubjectKeys keys;
    private IdempotencyStore store;

    @BeforeAll
    static void start() {
        server = new EmbeddedMongo();
        client = MongoClients.create(server.uri());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdown();
    }

    @BeforeEach
    void fresh() {
        database = client.getDatabase("sealed_" + System.nanoTime());
        keys = new SubjectKeys(database, new MasterKey("idempotency-test-master-key-0123456789abcdef"),
                Duration.ofMinutes(5), Clock.systemUTC());
        store = new IdempotencyStore(database, Duration.ofHours(24), Duration.ofSeconds(60), Clock.systemUTC());
        store.useSealer(new SubjectResponseSealer(keys, "registry"));
    }

    @Test
    void aResponseAboutAPersonIsStoredSealedReplayedWholeAndShreddedByTheirErasure() {
        String body = "{\"id\":\"p-1\",\"name\":\"欧阳锋\",\"phone\":\"13900000077\",\"residentIdNumber\":\"41132419900307456X\"}";
        complete("k-1", new StoredResponse(201, "application/json", "/api/v1/persons/p-1", utf8(body)));

        assertThat(raw()).doesNotContain("欧阳锋", "13900000077", "41132419900307456X").contains("p-1");
        assertThat(replayed("k-1")).isEqualTo(body);
        assertThat(replay("k-1").location()).isEqualTo("/api/v1/persons/p-1");

        keys.destroy("p-1", "admin-1", Instant.now());

        StoredResponse after = replay("k-1");
        assertThat(after.status()).isEqualTo(201);
        assertThat(after.location()).isEqualTo("/api/v1/persons/p-1");
        assertThat(new String(after.body(), StandardCharsets.UTF_8)).doesNotContain("欧阳锋", "13900000077")
                .isEqualTo(new String(IdempotencyStore.ERASED_BODY, StandardCharsets.UTF_8));
        assertThat(raw()).doesNotContain("欧阳锋", "13900000077", "41132419900307456X");
    }

    @Test
    void theSubjectIsTheLocationsPersonElseTheBodysPersonElseTheService() {
        SubjectResponseSealer sealer = new SubjectResponseSealer(keys, "volunteer");
        assertThat(sealer.subjectOf(new StoredResponse(201, null, "/api/v1/persons/p-2/trail", utf8("{}"))))
                .isEqualTo("p-2");
        assertThat(sealer.subjectOf(new StoredResponse(200, null, null, utf8("{\"personId\":\"p-3\"}"))))
                .isEqualTo("p-3");
        assertThat(sealer.subjectOf(new StoredResponse(201, null, "/api/v1/deliveries/o-1",
                utf8("{\"id\":\"o-1\",\"personIds\":[\"p-4\"]}")))).isEqualTo("p-4");
        assertThat(sealer.subjectOf(new StoredResponse(201, null, null, utf8("{\"personIds\":[\"a\",\"b\"]}"))))
                .as("several people: the first, as a delivery's event is keyed").isEqualTo("a");
        assertThat(sealer.subjectOf(new StoredResponse(201, null, null, utf8("{\"personIds\":[]}"))))
                .isEqualTo("service:volunteer");
        assertThat(sealer.subjectOf(new StoredResponse(201, null, null, utf8("not json")))).isEqualTo("service:volunteer");
    }

    @Test
    void theSubjectTheControllerNamedWinsOverTheGuess() {
        SubjectResponseSealer sealer = new SubjectResponseSealer(keys, "volunteer");
        assertThat(sealer.subjectOf(new StoredResponse(201, null, "/api/v1/volunteers/v-1",
                utf8("{\"id\":\"v-1\",\"name\":\"欧阳锋\"}"), "v-1"))).isEqualTo("v-1");
        assertThat(sealer.subjectOf(new StoredResponse(201, null, "/api/v1/deliveries/o-1",
                utf8("{\"personIds\":[\"a\",\"b\"]}"), "a"))).isEqualTo("a");
    }

    @Test
    void aVolunteersEnrolmentSealedWithTheNamedSubjectIsShreddedByTheirErasure() {
        String body = "{\"id\":\"v-9\",\"name\":\"段誉\",\"phone\":\"13900000088\"}";
        complete("k-3", new StoredResponse(201, "application/json", "/api/v1/volunteers/v-9", utf8(body), "v-9"));
        assertThat(replayed("k-3")).isEqualTo(body);

        keys.destroy("v-9", "admin-1", Instant.now());

        assertThat(replayed("k-3")).doesNotContain("段誉", "13900000088");
    }

    @Test
    void aResponseAboutNobodyIsStillNeverStoredInClear() {
        String body = "{\"address\":\"燕子坞 7号楼 702室\",\"personIds\":[]}";
        complete("k-2", new StoredResponse(201, "application/json", "/api/v1/deliveries/o-9", utf8(body)));

        assertThat(raw()).doesNotContain("燕子坞").contains("service:registry");
        assertThat(replayed("k-2")).isEqualTo(body);
    }

    private void complete(String key, StoredResponse response) {
        store.complete((IdempotencyStore.Acquired) store.claim(key, "h", "POST /x", "a"), response);
    }

    private StoredResponse replay(String key) {
        IdempotencyStore.Claim claim = store.claim(key, "h", "POST /x", "a");
        assertThat(claim).isInstanceOf(IdempotencyStore.Replay.class);
        return ((IdempotencyStore.Replay) claim).response();
    }

    private String replayed(String key) {
        return new String(replay(key).body(), StandardCharsets.UTF_8);
    }

    private String raw() {
        StringBuilder all = new StringBuilder();
        database.getCollection(IdempotencyStore.COLLECTION).find().forEach((Document d) -> {
            all.append(d.toJson()).append('\n');
            if (d.get("body") instanceof Binary b) {
                all.append(new String(b.getData(), StandardCharsets.UTF_8)).append('\n');
            }
        });
        return all.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
