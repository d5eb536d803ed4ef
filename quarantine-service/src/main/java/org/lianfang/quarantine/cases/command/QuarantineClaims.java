package org.lianfang.quarantine.cases.command;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.springframework.stereotype.Component;

/**
 * One active case per person. Before a case is opened the person is claimed by inserting a
 * document whose {@code _id} is the person id: the unique {@code _id} makes the claim atomic on
 * both stores. When the claimed case has ended, the claim is handed to a new case by a
 * compare-and-set on the old case id, so two concurrent starts still agree on one case.
 */
@Component
public class QuarantineClaims {

    public static final String COLLECTION = "quarantine_claims";

    private final MongoCollection<Document> claims;

    public QuarantineClaims(MongoDatabase serviceDatabase) {
        this.claims = serviceDatabase.getCollection(COLLECTION);
    }

    /** The case a person is claimed for, and whether this call made the claim. */
    public record Claim(QuarantineCaseId caseId, boolean fresh) {
    }

    /** Claims {@code personId} for {@code candidate}, or returns the case it was claimed for before. */
    public Claim claim(String personId, QuarantineCaseId candidate, Instant now) {
        try {
            claims.insertOne(new Document("_id", personId).append("caseId", candidate.value())
                    .append("claimedAt", Date.from(now)));
            return new Claim(candidate, true);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document existing = claims.find(Filters.eq("_id", personId)).first();
        if (existing == null) {
            throw new IllegalStateException("a quarantine claim vanished; claims are never deleted");
        }
        return new Claim(QuarantineCaseId.of(existing.getString("caseId")), false);
    }

    /** The case a person is (or was last) claimed for. */
    public java.util.Optional<QuarantineCaseId> caseOf(String personId) {
        return java.util.Optional.ofNullable(claims.find(Filters.eq("_id", personId)).first())
                .map(doc -> QuarantineCaseId.of(doc.getString("caseId")));
    }

    /** Moves the claim from an ended case to {@code next}; false if someone else moved it first. */
    public boolean handOver(String personId, QuarantineCaseId ended, QuarantineCaseId next, Instant now) {
        return claims.updateOne(Filters.and(Filters.eq("_id", personId), Filters.eq("caseId", ended.value())),
                Updates.combine(Updates.set("caseId", next.value()), Updates.set("claimedAt", Date.from(now))))
                .getModifiedCount() == 1;
    }
}
