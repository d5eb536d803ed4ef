package org.lianfang.contracts.quarantine;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Report symptoms observed on a quarantined person. */
public record ReportSymptomCommand(
        @TargetAggregateIdentifier QuarantineCaseId caseId,
        List<String> symptoms,
        String notes,
        String reportedBy,
        Instant occurredAt) {
}
