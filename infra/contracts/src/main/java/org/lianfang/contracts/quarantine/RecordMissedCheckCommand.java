package org.lianfang.contracts.quarantine;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Tell a case that a check window has closed. Idempotent by {@code window}: the case raises
 * {@link CheckMissed} only if the window had no reading and was not reported before. The case
 * answers whether it is still active, so the sender knows to stop watching it.
 */
public record RecordMissedCheckCommand(
        @TargetAggregateIdentifier QuarantineCaseId caseId,
        String window,
        Instant opensAt,
        Instant closesAt) {
}
