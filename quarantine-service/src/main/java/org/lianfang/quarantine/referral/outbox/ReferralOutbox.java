package org.lianfang.quarantine.referral.outbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.lianfang.contracts.quarantine.FeverReferralRequested;
import org.lianfang.contracts.quarantine.ReferralStatus;
import org.springframework.stereotype.Component;

/**
 * The durable outbox of fever-clinic referrals: {@code quarantine_referral_outbox}, one document
 * per referral keyed by the referral id. A tracking processor fills it from
 * {@link FeverReferralRequested}; inserting by {@code _id} makes a replay or redelivery a no-op.
 * Documents are never deleted: a delivered one is {@code DONE}, so a replay cannot send it again.
 * Only {@code PENDING} documents are worked; on a real MongoDB an index on {@code state} serves
 * that, on the embedded store the (small) collection is scanned.
 */
@Component
@ProcessingGroup(ReferralOutbox.PROCESSING_GROUP)
public class ReferralOutbox {

    public static final String PROCESSING_GROUP = "fever-referral-outbox";
    public static final String COLLECTION = "quarantine_referral_outbox";
    static final String PENDING = "PENDING";
    static final String DONE = "DONE";

    private final MongoCollection<Document> outbox;

    public ReferralOutbox(MongoDatabase serviceDatabase) {
        this.outbox = serviceDatabase.getCollection(COLLECTION);
    }

    /** One referral waiting to be delivered, or delivered. */
    public record Entry(String referralId, String caseId, String personId, String communityId, String compoundId,
                        BigDecimal celsius, Instant occurredAt, Instant requestedAt, String state,
                        ReferralStatus status, int attempts, Instant nextAttemptAt, Instant leaseUntil,
                        String lastError, String clinicReference, Instant completedAt) {
    }

    @EventHandler
    void on(FeverReferralRequested event) {
        try {
            outbox.insertOne(new Document("_id", event.referralId()).append("caseId", event.caseId().value())
                    .append("personId", event.personId()).append("communityId", event.communityId())
                    .append("compoundId", event.compoundId()).append("celsius", event.celsius().toPlainString())
                    .append("occurredAt", Date.from(event.occurredAt()))
                    .append("requestedAt", Date.from(event.requestedAt()))
                    .append("state", PENDING).append("status", ReferralStatus.PENDING.name())
                    .append("attempts", 0).append("nextAttemptAt", Date.from(event.requestedAt()))
                    .append("leaseUntil", null).append("lastError", null).append("clinicReference", null)
                    .append("completedAt", null));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    public Optional<Entry> find(String referralId) {
        return Optional.ofNullable(outbox.find(Filters.eq("_id", referralId)).first()).map(ReferralOutbox::entry);
    }

    /** Every pending referral, due or not. */
    public List<Entry> pending() {
        List<Entry> pending = new ArrayList<>();
        outbox.find(Filters.eq("state", PENDING)).forEach(doc -> pending.add(entry(doc)));
        return pending;
    }

    /**
     * Takes {@code entry} for delivery until {@code until}, unless another instance holds it or it
     * changed since it was read (compare-and-set on attempts and lease).
     */
    public boolean lease(Entry entry, Instant now, Instant until) {
        if (entry.leaseUntil() != null && entry.leaseUntil().isAfter(now)) {
            return false;
        }
        Bson heldAsRead = entry.leaseUntil() == null ? Filters.eq("leaseUntil", null)
                : Filters.eq("leaseUntil", Date.from(entry.leaseUntil()));
        return outbox.updateOne(Filters.and(Filters.eq("_id", entry.referralId()), Filters.eq("state", PENDING),
                        Filters.eq("attempts", entry.attempts()), heldAsRead),
                Updates.set("leaseUntil", Date.from(until))).getModifiedCount() == 1;
    }

    /** A delivery failed for a reason that may pass: try again at {@code next}. */
    public void reschedule(String referralId, int attempts, Instant next, String error) {
        outbox.updateOne(Filters.and(Filters.eq("_id", referralId), Filters.eq("state", PENDING)), Updates.combine(
                Updates.set("attempts", attempts), Updates.set("nextAttemptAt", Date.from(next)),
                Updates.set("leaseUntil", null), Updates.set("lastError", error),
                Updates.set("status", ReferralStatus.RETRYING.name())));
    }

    /** The clinic answered for good: nothing more is sent for this referral. */
    public void complete(String referralId, ReferralStatus status, int attempts, String clinicReference,
                         String error, Instant at) {
        outbox.updateOne(Filters.eq("_id", referralId), Updates.combine(Updates.set("state", DONE),
                Updates.set("status", status.name()), Updates.set("attempts", attempts),
                Updates.set("clinicReference", clinicReference), Updates.set("lastError", error),
                Updates.set("leaseUntil", null), Updates.set("completedAt", Date.from(at))));
    }

    private static Entry entry(Document doc) {
        return new Entry(doc.getString("_id"), doc.getString("caseId"), doc.getString("personId"),
                doc.getString("communityId"), doc.getString("compoundId"), new BigDecimal(doc.getString("celsius")),
                instant(doc, "occurredAt"), instant(doc, "requestedAt"), doc.getString("state"),
                ReferralStatus.valueOf(doc.getString("status")), doc.getInteger("attempts", 0),
                instant(doc, "nextAttemptAt"), instant(doc, "leaseUntil"), doc.getString("lastError"),
                doc.getString("clinicReference"), instant(doc, "completedAt"));
    }

    private static Instant instant(Document doc, String key) {
        Date date = doc.getDate(key);
        return date == null ? null : date.toInstant();
    }
}
