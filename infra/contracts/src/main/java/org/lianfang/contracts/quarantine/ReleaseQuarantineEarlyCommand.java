package org.lianfang.contracts.quarantine;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** End an active case before its period is over; only a medic may send it (checked at the edge). */
public record ReleaseQuarantineEarlyCommand(
        @TargetAggregateIdentifier QuarantineCaseId caseId,
        String reason,
        String medic) {
}
