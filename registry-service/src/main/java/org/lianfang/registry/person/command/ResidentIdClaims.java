package org.lianfang.registry.person.command;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.platform.pii.PiiHasher;
import org.springframework.stereotype.Component;

/**
 * One person per resident ID number. Before a person is registered, the number is claimed by
 * inserting a document whose {@code _id} is a keyed hash of it (HMAC-SHA256): the unique
 * {@code _id} makes the claim atomic on both stores, and the number itself is not stored here. An
 * erased person's claim is released.
 */
@Component
public class ResidentIdClaims {

    public static final String COLLECTION = "person_claims";

    private final MongoCollection<Document> claims;
    private final PiiHasher hasher;

    public ResidentIdClaims(MongoDatabase serviceDatabase, PiiHasher hasher) {
        this.claims = serviceDatabase.getCollection(COLLECTION);
        this.hasher = hasher;
    }

    /** The outcome of a claim: the person the number belongs to, and whether this call made the claim. */
    public record Claim(PersonId personId, boolean fresh) {
    }

    /** Claims {@code number} for {@code candidate}, or returns whom it was claimed for before. */
    public Claim claim(ResidentIdNumber number, PersonId candidate, Instant now) {
        String key = hasher.hash(number.value());
        try {
            claims.insertOne(new Document("_id", key).append("personId", candidate.value())
                    .append("claimedAt", Date.from(now)));
            return new Claim(candidate, true);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document existing = claims.find(Filters.eq("_id", key)).first();
        if (existing == null) {
            throw new IllegalStateException("a resident ID claim vanished; claims are never deleted");
        }
        return new Claim(PersonId.of(existing.getString("personId")), false);
    }

    /**
     * Forgets which ID number an erased person holds: their claim is deleted, so the keyed hash no
     * longer leads to them (the same number registered again is a new person). Scans the claims by
     * person: an erasure is a rare admin act, and the number itself is unreadable by then.
     */
    public long release(String personId) {
        return claims.deleteMany(Filters.eq("personId", personId)).getDeletedCount();
    }
}
