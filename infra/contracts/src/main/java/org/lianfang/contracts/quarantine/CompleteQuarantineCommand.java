package org.lianfang.contracts.quarantine;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close a case whose period is served; refused while the period runs or after a recent fever. */
public record CompleteQuarantineCommand(
        @TargetAggregateIdentifier QuarantineCaseId caseId,
        String completedBy) {
}
