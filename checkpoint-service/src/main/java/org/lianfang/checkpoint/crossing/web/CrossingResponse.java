package org.lianfang.checkpoint.crossing.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.lianfang.checkpoint.crossing.query.CrossingView;
import org.lianfang.contracts.checkpoint.CrossingDetails;
import org.lianfang.contracts.checkpoint.CrossingSubject;
import org.lianfang.contracts.checkpoint.Direction;

/**
 * A crossing with the gate's verdict, as the tablet shows it: {@code decision} ALLOWED or DENIED,
 * and for a denial the {@code rule} and {@code reason}. The ID number is never returned whole.
 */
record CrossingResponse(String id, String checkpointId, String communityId, String compoundId, String tabletId,
                        long sequence, CrossingSubject subject, String personId, String residentIdNumber,
                        String plate, List<String> occupants, Integer occupantCount, Direction direction,
                        BigDecimal temperatureCelsius, String passId, String operator, Instant occurredAt,
                        Instant recordedAt, String decision, String rule, String reason, String ruleVersion,
                        List<String> flags, String breachCaseId, boolean unregisteredArrival) {

    static CrossingResponse of(CrossingView view) {
        CrossingDetails d = view.details();
        return new CrossingResponse(d.crossingId(), d.checkpointId().value(), d.communityId(), d.compoundId(),
                d.tabletId(), d.tabletSequence(), d.subject(), d.personId(), d.residentIdMasked(), d.plate(),
                d.occupantPersonIds(), d.occupantCount(), d.direction(), d.temperatureCelsius(), d.passId(),
                d.operator(), d.occurredAt(), d.recordedAt(), view.allowed() ? "ALLOWED" : "DENIED", view.rule(),
                view.reason(), view.ruleVersion(), view.flags(), view.breachCaseId(), view.unregisteredArrival());
    }
}
