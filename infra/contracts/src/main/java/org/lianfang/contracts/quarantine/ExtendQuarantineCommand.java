package org.lianfang.contracts.quarantine;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Make an active case's period longer by {@code days}. */
public record ExtendQuarantineCommand(
        @TargetAggregateIdentifier QuarantineCaseId caseId,
        int days,
        String reason,
        String extendedBy) {
}
