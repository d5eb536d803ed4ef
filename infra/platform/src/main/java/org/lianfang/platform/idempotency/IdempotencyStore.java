package org.lianfang.platform.idempotency;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.types.Binary;
import org.lianfang.eventstore.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers {@code Idempotency-Key}s and their first successful response in the service's own
 * database (collection {@code idempotency_keys}), so they survive a restart. Every read and write
 * goes by {@code _id} only: the embedded store uses no other index.
 *
 * <p>A key is first taken ({@code IN_FLIGHT}, with a lease), then either completed with the
 * response or released after a failure so the client may retry. A lease left by a process that
 * died is taken over once it runs out; a take-over is decided by inserting a marker whose
 * {@code _id} names the entry taken over, so two retries cannot both win. Entries expire after the
 * retention period: a TTL index removes them on MongoDB, and expiry is also checked on read
 * because the embedded store ignores TTL indexes.
 *
 * <p>With a {@link ResponseSealer} (crypto-shredding on) the kept body is encrypted with the key of
 * the person it is about, so erasing that person leaves no readable copy here either: a replay
 * after the erasure answers the first status and {@code Location} with {@link #ERASED_BODY}. A store
 * that cannot be reached while a key is claimed is reported as {@link StoreUnavailableException}
 * (503, retryable), never as a 500.
 */
public class IdempotencyStore {

    public static final String COLLECTION = "idempotency_keys";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);
    private static final String IN_FLIGHT = "IN_FLIGHT";
    private static final String COMPLETED = "COMPLETED";
    /** What a replay answers once the person the kept response was about has been erased. */
    public static final byte[] ERASED_BODY = "{\"personalDataErased\":true}".getBytes(StandardCharsets.UTF_8);
    /** What a replay answers when the body could not be sealed, so only the status and Location were kept. */
    public static final byte[] NOT_KEPT_BODY = "{\"responseNotKept\":true}".getBytes(StandardCharsets.UTF_8);
    private static final String JSON = "application/json";

    private final MongoCollection<Document> keys;
    private final Duration retention;
    private final Duration lockTimeout;
    private final Clock clock;
    private volatile boolean indexed;
    private volatile ResponseSealer sealer;

    public IdempotencyStore(MongoDatabase database, Duration retention, Duration lockTimeout, Clock clock) {
        this.keys = database.getCollection(COLLECTION);
        this.retention = retention;
        this.lockTimeout = lockTimeout;
        this.clock = clock;
    }

    /** The outcome of trying to take a key. */
    public sealed interface Claim permits Acquired, Replay, Mismatch, InFlight {
    }

    /** The caller holds the key and must {@link #complete} or {@link #release} it. */
    public record Acquired(String id, Document entry) implements Claim {
    }

    /** The key was used for the same request, which succeeded: answer with its response. */
    public record Replay(StoredResponse response) implements Claim {
    }

    /** The key was used for a different request. */
    public record Mismatch() implements Claim {
    }

    /** The same request is being processed right now. */
    public record InFlight() implements Claim {
    }

    /** Encrypts every response kept from now on (set by the crypto-shredding configuration). */
    public void useSealer(ResponseSealer sealer) {
        this.sealer = sealer;
    }

    /** Takes the key, or says why not; {@link StoreUnavailableException} if the store cannot be reached. */
    public Claim claim(String id, String requestHash, String route, String actor) {
        return unavailableAsSuch(() -> claimOrThrow(id, requestHash, route, actor));
    }

    private Claim claimOrThrow(String id, String requestHash, String route, String actor) {
        ensureIndexes();
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = clock.instant();
            Document fresh = entry(id, requestHash, route, actor, now, 0);
            if (insert(fresh)) {
                return new Acquired(id, fresh);
            }
            Document existing = keys.find(Filters.eq("_id", id)).first();
            if (existing == null) {
                continue;
            }
            boolean expired = existing.getDate("expiresAt").toInstant().isBefore(now);
            boolean abandoned = IN_FLIGHT.equals(existing.getString("state"))
                    && existing.getDate("lockedUntil").toInstant().isBefore(now);
            if (expired || abandoned) {
                return takeOver(existing, requestHash, route, actor, now);
            }
            if (!requestHash.equals(existing.getString("requestHash"))) {
                return new Mismatch();
            }
            if (IN_FLIGHT.equals(existing.getString("state"))) {
                return new InFlight();
            }
            return new Replay(response(existing));
        }
        return new InFlight();
    }

    /**
     * Keeps {@code response} for replays. If sealing the body fails, the status and {@code Location}
     * are kept without it (a replay answers {@link #NOT_KEPT_BODY}): the request was acknowledged, so
     * its key must never be freed for a second execution. Throws only if the store cannot be written.
     */
    public void complete(Acquired acquired, StoredResponse response) {
        Instant now = clock.instant();
        Document done = new Document(acquired.entry())
                .append("state", COMPLETED)
                .append("completedAt", Date.from(now))
                .append("expiresAt", Date.from(now.plus(retention)))
                .append("status", response.status())
                .append("contentType", response.contentType())
                .append("location", response.location());
        ResponseSealer seal = sealer;
        if (seal == null) {
            done.append("body", new Binary(response.body()));
        } else {
            ResponseSealer.Sealed sealed;
            try {
                sealed = seal.seal(response);
            } catch (RuntimeException e) {
                log.warn("Could not seal a response kept for an idempotency key; keeping its status and Location only", e);
                sealed = null;
            }
            if (sealed == null) {
                done.append("bodyKept", false).put("contentType", JSON);
            } else {
                done.append("body", new Binary(sealed.data())).append("subject", sealed.subject());
            }
        }
        done.remove("lockedUntil");
        keys.replaceOne(Filters.eq("_id", acquired.id()), done);
    }

    public void release(Acquired acquired) {
        keys.deleteOne(Filters.eq("_id", acquired.id()));
    }

    private Claim takeOver(Document existing, String requestHash, String route, String actor, Instant now) {
        String id = existing.getString("_id");
        int generation = existing.getInteger("generation", 0) + 1;
        Document marker = new Document("_id", id + "#" + generation + "@" + existing.getDate("createdAt").getTime())
                .append("takeOverOf", id)
                .append("expiresAt", Date.from(now.plus(retention)));
        if (!insert(marker)) {
            return new InFlight();
        }
        Document fresh = entry(id, requestHash, route, actor, now, generation);
        keys.replaceOne(Filters.eq("_id", id), fresh);
        return new Acquired(id, fresh);
    }

    private Document entry(String id, String requestHash, String route, String actor, Instant now, int generation) {
        return new Document("_id", id)
                .append("state", IN_FLIGHT)
                .append("requestHash", requestHash)
                .append("route", route)
                .append("actor", actor)
                .append("generation", generation)
                .append("createdAt", Date.from(now))
                .append("lockedUntil", Date.from(now.plus(lockTimeout)))
                .append("expiresAt", Date.from(now.plus(retention)));
    }

    private boolean insert(Document document) {
        try {
            keys.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    private StoredResponse response(Document entry) {
        Binary stored = entry.get("body", Binary.class);
        byte[] body = stored == null ? new byte[0] : stored.getData();
        if (Boolean.FALSE.equals(entry.getBoolean("bodyKept"))) {
            body = NOT_KEPT_BODY;
        }
        String subject = entry.getString("subject");
        if (subject != null) {
            ResponseSealer seal = sealer;
            if (seal == null) {
                throw new IllegalStateException("an idempotency record is encrypted but crypto-shredding is off: "
                        + "set lianfang.privacy.master-key as when it was stored");
            }
            Optional<byte[]> opened = seal.open(subject, body);
            body = opened.orElse(ERASED_BODY);
        }
        return new StoredResponse(entry.getInteger("status"), entry.getString("contentType"),
                entry.getString("location"), body);
    }

    /** A store that cannot be reached (socket, timeouts, no primary) becomes a retryable 503. */
    private static <T> T unavailableAsSuch(Supplier<T> action) {
        try {
            return action.get();
        } catch (MongoSocketException | MongoTimeoutException | MongoExecutionTimeoutException
                 | MongoNotPrimaryException | MongoNodeIsRecoveringException e) {
            throw new StoreUnavailableException("the idempotency records cannot be read or written now", e);
        }
    }

    private void ensureIndexes() {
        if (indexed) {
            return;
        }
        try {
            keys.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
        } catch (RuntimeException e) {
            log.warn("Could not create the TTL index on {}; expired keys are still ignored on read", COLLECTION, e);
        }
        indexed = true;
    }
}
