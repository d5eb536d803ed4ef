package org.lianfang.gateway.security;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;

/**
 * API clients and their key hashes in the gateway's own database. Every read is by {@code _id}:
 * {@code api_keys} maps a key hash to its client, {@code api_clients} holds the client and the
 * hashes of its keys (so revoking deletes them by id).
 */
public class ApiClientStore {

    private final MongoCollection<Document> clients;
    private final MongoCollection<Document> keys;
    private final Clock clock;

    public ApiClientStore(MongoClient mongo, Clock clock) {
        MongoDatabase db = mongo.getDatabase("lianfang_gateway");
        this.clients = db.getCollection("api_clients");
        this.keys = db.getCollection("api_keys");
        this.clock = clock;
    }

    /** A client and the only copy of its key that will ever exist outside the caller. */
    public record Created(ApiClient client, String apiKey) {
    }

    /**
     * Creates a client. With {@code id} given (derived from an Idempotency-Key) a second create with
     * the same id fails with a duplicate-key error instead of making a second client.
     */
    public Created create(String id, String name, String role, String communityId, List<String> compounds,
                          String createdBy) {
        if (id == null) {
            id = "cl-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        }
        String key = ApiKeys.generate();
        String hash = ApiKeys.hash(key);
        Instant now = clock.instant();
        // The client first: a retried create fails here, before a second key exists.
        clients.insertOne(new Document("_id", id).append("name", name).append("role", role)
                .append("communityId", communityId).append("compounds", compounds)
                .append("keyPrefix", ApiKeys.displayPrefix(key)).append("keyHashes", List.of(hash))
                .append("createdAt", Date.from(now)).append("createdBy", createdBy));
        keys.insertOne(new Document("_id", hash).append("clientId", id));
        return new Created(find(id).orElseThrow(), key);
    }

    /** The live client a key belongs to, if the key is known, unexpired and its client not revoked. */
    public Optional<ApiClient> authenticate(String key) {
        Document keyDoc = keys.find(Filters.eq("_id", ApiKeys.hash(key))).first();
        if (keyDoc == null) {
            return Optional.empty();
        }
        Date validUntil = keyDoc.getDate("validUntil");
        if (validUntil != null && !clock.instant().isBefore(validUntil.toInstant())) {
            return Optional.empty();
        }
        return find(keyDoc.getString("clientId")).filter(c -> !c.revoked());
    }

    public Optional<ApiClient> find(String id) {
        return Optional.ofNullable(clients.find(Filters.eq("_id", id)).first()).map(ApiClientStore::toClient);
    }

    /** Every client, newest last; there are few (one per system), so a full read is fine. */
    public List<ApiClient> list() {
        List<ApiClient> all = new ArrayList<>();
        clients.find().sort(Sorts.ascending("createdAt")).forEach(d -> all.add(toClient(d)));
        return all;
    }

    /** Revokes the client: its keys are deleted and it cannot get new ones. */
    public Optional<ApiClient> revoke(String id, String by) {
        Document doc = clients.find(Filters.eq("_id", id)).first();
        if (doc == null) {
            return Optional.empty();
        }
        for (String hash : doc.getList("keyHashes", String.class, List.of())) {
            keys.deleteOne(Filters.eq("_id", hash));
        }
        if (doc.getDate("revokedAt") == null) {
            clients.updateOne(Filters.eq("_id", id), Updates.combine(
                    Updates.set("revokedAt", Date.from(clock.instant())), Updates.set("revokedBy", by),
                    Updates.set("keyHashes", List.of())));
        }
        return find(id);
    }

    /**
     * A new key for the client; its old keys keep working for {@code grace} (zero: they stop now),
     * so a system can switch without downtime.
     */
    public Optional<Created> rotate(String id, Duration grace) {
        Document doc = clients.find(Filters.eq("_id", id)).first();
        if (doc == null || doc.getDate("revokedAt") != null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<String> old = doc.getList("keyHashes", String.class, List.of());
        for (String hash : old) {
            if (grace.isZero()) {
                keys.deleteOne(Filters.eq("_id", hash));
            } else {
                keys.updateOne(Filters.eq("_id", hash), Updates.set("validUntil", Date.from(now.plus(grace))));
            }
        }
        String key = ApiKeys.generate();
        String hash = ApiKeys.hash(key);
        keys.insertOne(new Document("_id", hash).append("clientId", id));
        List<String> hashes = new ArrayList<>(grace.isZero() ? List.of() : old);
        hashes.add(hash);
        clients.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("keyHashes", hashes),
                Updates.set("keyPrefix", ApiKeys.displayPrefix(key)), Updates.set("rotatedAt", Date.from(now))));
        return Optional.of(new Created(find(id).orElseThrow(), key));
    }

    private static ApiClient toClient(Document d) {
        Date revoked = d.getDate("revokedAt");
        return new ApiClient(d.getString("_id"), d.getString("name"), d.getString("role"),
                d.getString("communityId"), d.getList("compounds", String.class, List.of()),
                d.getString("keyPrefix"), d.getDate("createdAt").toInstant(), d.getString("createdBy"),
                revoked == null ? null : revoked.toInstant());
    }
}
