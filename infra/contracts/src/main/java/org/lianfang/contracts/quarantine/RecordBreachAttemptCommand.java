package org.lianfang.contracts.quarantine;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Put a checkpoint's report of an attempted breach on the case. Idempotent by {@code crossingId}:
 * the same crossing reported again changes nothing.
 */
public record RecordBreachAttemptCommand(
        @TargetAggregateIdentifier QuarantineCaseId caseId,
        String crossingId,
        String checkpointId,
        String rule,
        String operator,
        Instant occurredAt,
        Instant recordedAt) {
}
