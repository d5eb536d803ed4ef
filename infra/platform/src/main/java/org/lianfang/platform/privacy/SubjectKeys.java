package org.lianfang.platform.privacy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * One AES-256 key per data subject, wrapped by the {@link MasterKey}, in a collection of its own
 * that every service shares (one person appears in several services' events). Erasure replaces
 * the key by a tombstone: a key is never created again for an erased subject, so nothing written
 * later about them is readable either.
 *
 * <p>Keys are cached for {@code cacheTtl}: another service (another process) stops decrypting an
 * erased person's data at most that long after the erasure; the erasing process stops at once.
 */
public class SubjectKeys {

    public static final String COLLECTION = "subject_keys";
    private static final int MAX_CACHED = 50_000;

    private final MongoCollection<Document> keys;
    private final MasterKey master;
    private final Duration cacheTtl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    SubjectKeys(MongoDatabase keysDatabase, MasterKey master, Duration cacheTtl, Clock clock) {
        this.keys = keysDatabase.getCollection(COLLECTION);
        this.master = master;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
    }

    /** The subject's key, created on first use; empty if the subject was erased. */
    Optional<SecretKey> keyForWriting(String subject) {
        Optional<Optional<SecretKey>> known = lookup(subject);
        if (known.isPresent()) {
            return known.get();
        }
        SecretKey fresh = newKey();
        try {
            keys.insertOne(new Document("_id", subject)
                    .append("key", new Binary(master.wrap(fresh, subject)))
                    .append("kek", master.fingerprint())
                    .append("createdAt", Date.from(clock.instant())));
            remember(subject, Optional.of(fresh));
            return Optional.of(fresh);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        return lookup(subject).orElseThrow(() -> new IllegalStateException("a subject key vanished"));
    }

    /**
     * The subject's key to open what was sealed with it; empty if the subject was erased. A subject
     * with no document at all was never erased (erasure leaves a tombstone): its key is missing,
     * which means a wrong {@code keys-database} or a lost keys collection — reported, not shown as erased.
     */
    Optional<SecretKey> keyForReading(String subject) {
        return lookup(subject).orElseThrow(() -> new IllegalStateException("no key is stored for data subject "
                + subject + " in " + keys.getNamespace() + ": every service must use the same "
                + "lianfang.privacy.keys-database, and the keys collection must be backed up with the events"));
    }

    /** True if a key or a tombstone is stored for the subject. */
    boolean knows(String subject) {
        return lookup(subject).isPresent();
    }

    /** When the subject was erased, if they were. */
    public Optional<Instant> erasedAt(String subject) {
        Document doc = keys.find(Filters.eq("_id", subject)).first();
        return doc == null || doc.getDate("erasedAt") == null
                ? Optional.empty() : Optional.of(doc.getDate("erasedAt").toInstant());
    }

    /**
     * Destroys the subject's key (or records a tombstone if they had none yet) and forgets it here.
     * Idempotent; an existing erasure keeps its first time.
     */
    public void destroy(String subject, String erasedBy, Instant at) {
        keys.updateOne(Filters.eq("_id", subject),
                Updates.combine(Updates.unset("key"), Updates.unset("kek"),
                        Updates.setOnInsert("createdAt", Date.from(at)),
                        Updates.min("erasedAt", Date.from(at)), Updates.set("erasedBy", erasedBy)),
                new UpdateOptions().upsert(true));
        cache.put(subject, new Cached(Optional.empty(), Long.MAX_VALUE));
    }

    /** Empty if the subject has no document; else their key, or empty if erased. */
    private Optional<Optional<SecretKey>> lookup(String subject) {
        long now = System.nanoTime();
        Cached cached = cache.get(subject);
        if (cached != null && now - cached.expiresAt < 0) {
            return Optional.of(cached.key);
        }
        Document doc = keys.find(Filters.eq("_id", subject)).first();
        if (doc == null) {
            return Optional.empty();
        }
        Optional<SecretKey> key = Optional.empty();
        Binary wrapped = doc.get("key", Binary.class);
        if (wrapped != null && doc.getDate("erasedAt") == null) {
            if (!master.fingerprint().equals(doc.getString("kek"))) {
                throw new IllegalStateException("the key of a data subject was wrapped by another master key ("
                        + doc.getString("kek") + ", configured " + master.fingerprint()
                        + "): every service must use the same lianfang.privacy.master-key");
            }
            key = Optional.of(master.unwrap(wrapped.getData(), subject));
        }
        remember(subject, key);
        return Optional.of(key);
    }

    private void remember(String subject, Optional<SecretKey> key) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(subject, new Cached(key, System.nanoTime() + cacheTtl.toNanos()));
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }

    private record Cached(Optional<SecretKey> key, long expiresAt) {
    }
}
