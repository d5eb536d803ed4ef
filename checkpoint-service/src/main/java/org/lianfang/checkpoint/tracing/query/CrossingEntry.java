package org.lianfang.checkpoint.tracing.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.lianfang.contracts.checkpoint.CrossingDetails;
import org.lianfang.contracts.checkpoint.CrossingSubject;
import org.lianfang.contracts.checkpoint.Direction;

/**
 * A crossing as tracing lists it. Times and the temperature are stored as strings, exact on both
 * stores (BSON decimals come back as doubles on one of them).
 */
public record CrossingEntry(String crossingId, String checkpointId, String communityId, CrossingSubject subject,
                            String personId, String residentIdMasked, String plate, List<String> occupantPersonIds,
                            Direction direction, BigDecimal temperatureCelsius, boolean allowed, String rule,
                            List<String> flags, String operator, Instant occurredAt, Instant recordedAt) {

    static CrossingEntry of(CrossingDetails d, boolean allowed, String rule, List<String> flags) {
        return new CrossingEntry(d.crossingId(), d.checkpointId().value(), d.communityId(), d.subject(), d.personId(),
                d.residentIdMasked(), d.plate(), d.occupantPersonIds(), d.direction(), d.temperatureCelsius(),
                allowed, rule, flags, d.operator(), d.occurredAt(), d.recordedAt());
    }

    Document toDocument() {
        return new Document("id", crossingId).append("checkpointId", checkpointId).append("communityId", communityId)
                .append("subject", subject.name()).append("personId", personId)
                .append("residentIdMasked", residentIdMasked).append("plate", plate)
                .append("occupantPersonIds", occupantPersonIds).append("direction", direction.name())
                .append("temperatureCelsius", temperatureCelsius == null ? null : temperatureCelsius.toPlainString())
                .append("allowed", allowed).append("rule", rule).append("flags", flags)
                .append("operator", operator).append("occurredAt", occurredAt.toString())
                .append("recordedAt", recordedAt.toString());
    }

    static CrossingEntry fromDocument(Document doc) {
        String celsius = doc.getString("temperatureCelsius");
        return new CrossingEntry(doc.getString("id"), doc.getString("checkpointId"), doc.getString("communityId"),
                CrossingSubject.valueOf(doc.getString("subject")), doc.getString("personId"),
                doc.getString("residentIdMasked"), doc.getString("plate"),
                doc.getList("occupantPersonIds", String.class, List.of()), Direction.valueOf(doc.getString("direction")),
                celsius == null ? null : new BigDecimal(celsius), doc.getBoolean("allowed", false),
                doc.getString("rule"), doc.getList("flags", String.class, List.of()), doc.getString("operator"),
                TracingKeys.instant(doc.getString("occurredAt")), TracingKeys.instant(doc.getString("recordedAt")));
    }

    /** The order of tracing: by when it happened at the gate, never by upload; ties by id. */
    static final java.util.Comparator<CrossingEntry> ORDER =
            java.util.Comparator.comparing(CrossingEntry::occurredAt).thenComparing(CrossingEntry::crossingId);
}
