package org.lianfang.contracts.quarantine;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

/**
 * Open a quarantine case. The caller has already claimed the person (one active case per person),
 * so the case id is fixed before the command is sent.
 */
public record StartQuarantineCommand(
        @TargetAggregateIdentifier QuarantineCaseId caseId,
        String personId,
        QuarantineKind kind,
        LocalDate arrivalDate,
        String reason,
        String startedBy,
        String communityId,
        String compoundId) implements PersonScoped {

    /** Without a community (tests and callers written before jurisdiction was recorded). */
    public StartQuarantineCommand(QuarantineCaseId caseId, String personId, QuarantineKind kind,
                                  LocalDate arrivalDate, String reason, String startedBy) {
        this(caseId, personId, kind, arrivalDate, reason, startedBy, null, null);
    }

    public StartQuarantineCommand {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(arrivalDate, "arrivalDate");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(startedBy, "startedBy");
    }

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
