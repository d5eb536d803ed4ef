package org.lianfang.checkpoint.crossing.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.lianfang.checkpoint.tracing.query.CrossingEntry;
import org.lianfang.contracts.checkpoint.CrossingSubject;
import org.lianfang.contracts.checkpoint.Direction;

/** A crossing in a tracing list. */
record CrossingItem(String id, String checkpointId, CrossingSubject subject, String personId,
                    String residentIdNumber, String plate, List<String> occupants, Direction direction,
                    BigDecimal temperatureCelsius, String decision, String rule, List<String> flags, String operator,
                    Instant occurredAt, Instant recordedAt) {

    static CrossingItem of(CrossingEntry e) {
        return new CrossingItem(e.crossingId(), e.checkpointId(), e.subject(), e.personId(), e.residentIdMasked(),
                e.plate(), e.occupantPersonIds(), e.direction(), e.temperatureCelsius(),
                e.allowed() ? "ALLOWED" : "DENIED", e.rule(), e.flags(), e.operator(), e.occurredAt(), e.recordedAt());
    }
}
