package org.lianfang.contracts.quarantine;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Move an active case to a designated facility. */
public record TransferQuarantineCommand(
        @TargetAggregateIdentifier QuarantineCaseId caseId,
        String facility,
        String reason,
        String transferredBy) {
}
