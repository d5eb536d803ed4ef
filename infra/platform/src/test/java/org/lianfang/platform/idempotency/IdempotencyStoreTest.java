package org.lianfang.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.platform.testapp.EmbeddedMongo;
import org.lianfang.testing.MutableClock;

class IdempotencyStoreTest {

    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Duration LOCK = Duration.ofSeconds(60);

    private static EmbeddedMongo server;
    private static MongoClient client;
    private MongoDatabase database;
    private MutableClock clock;

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
    void freshDatabase() {
        database = client.getDatabase("idem_" + System.nanoTime());
        clock = new MutableClock(Instant.parse("2020-02-01T08:00:00Z"));
    }

    @Test
    void aCompletedResponseSurvivesANewStoreInstance() {
        IdempotencyStore first = store();
        IdempotencyStore.Acquired acquired = (IdempotencyStore.Acquired) first.claim("k", "h", "POST /x", "a");
        first.complete(acquired, response("{\"id\":1}"));

        IdempotencyStore.Claim afterRestart = store().claim("k", "h", "POST /x", "a");

        assertThat(afterRestart).isInstanceOf(IdempotencyStore.Replay.class);
        StoredResponse replayed = ((IdempotencyStore.Replay) afterRestart).response();
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.location()).isEqualTo("/x/1");
        assertThat(new String(replayed.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
    }

    @Test
    void anEntryOlderThanTheRetentionIsForgottenOnRead() {
        IdempotencyStore store = store();
        store.complete((IdempotencyStore.Acquired) store.claim("k", "h", "POST /x", "a"), response("{}"));

        clock.advance(RETENTION.plusSeconds(1));

        assertThat(store.claim("k", "other-body", "POST /x", "a")).isInstanceOf(IdempotencyStore.Acquired.class);
    }

    @Test
    void anEntryWithinTheRetentionIsStillReplayed() {
        IdempotencyStore store = store();
        store.complete((IdempotencyStore.Acquired) store.claim("k", "h", "POST /x", "a"), response("{}"));

        clock.advance(RETENTION.minusSeconds(1));

        assertThat(store.claim("k", "h", "POST /x", "a")).isInstanceOf(IdempotencyStore.Replay.class);
    }

    @Test
    void aLeaseLeftByADeadProcessIsTakenOverOnceItRunsOut() {
        IdempotencyStore store = store();
        store.claim("k", "h", "POST /x", "a");

        assertThat(store.claim("k", "h", "POST /x", "a")).isInstanceOf(IdempotencyStore.InFlight.class);
        clock.advance(LOCK.plusSeconds(1));
        IdempotencyStore.Claim takeOver = store.claim("k", "h", "POST /x", "a");

        assertThat(takeOver).isInstanceOf(IdempotencyStore.Acquired.class);
        assertThat(store.claim("k", "h", "POST /x", "a")).isInstanceOf(IdempotencyStore.InFlight.class);
    }

    @Test
    void aTakeOverThatAnotherRetryAlreadyClaimedLosesTheRace() {
        IdempotencyStore store = store();
        Instant firstClaimedAt = clock.instant();
        store.claim("k", "h", "POST /x", "a");
        clock.advance(LOCK.plusSeconds(1));
        // a competing retry has inserted its take-over marker but not yet replaced the entry
        database.getCollection(IdempotencyStore.COLLECTION).insertOne(
                new org.bson.Document("_id", "k#1@" + firstClaimedAt.toEpochMilli()));

        assertThat(store.claim("k", "h", "POST /x", "a")).isInstanceOf(IdempotencyStore.InFlight.class);
    }

    @Test
    void aReleasedKeyCanBeTakenAgain() {
        IdempotencyStore store = store();
        store.release((IdempotencyStore.Acquired) store.claim("k", "h", "POST /x", "a"));

        assertThat(store.claim("k", "different", "POST /x", "a")).isInstanceOf(IdempotencyStore.Acquired.class);
    }

    @Test
    void aDifferentBodyIsAMismatchWhetherInFlightOrCompleted() {
        IdempotencyStore store = store();
        IdempotencyStore.Acquired acquired = (IdempotencyStore.Acquired) store.claim("k", "h", "POST /x", "a");

        assertThat(store.claim("k", "h2", "POST /x", "a")).isInstanceOf(IdempotencyStore.Mismatch.class);
        store.complete(acquired, response("{}"));
        assertThat(store.claim("k", "h2", "POST /x", "a")).isInstanceOf(IdempotencyStore.Mismatch.class);
    }

    private IdempotencyStore store() {
        return new IdempotencyStore(database, RETENTION, LOCK, clock);
    }

    private static StoredResponse response(String body) {
        return new StoredResponse(201, "application/json", "/x/1", body.getBytes(StandardCharsets.UTF_8));
    }
}
