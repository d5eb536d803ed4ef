package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

/**
 * Note on a person that their quarantine case ended; sent by the registry's reaction to
 * {@code QuarantineCompleted} or {@code QuarantineReleasedEarly}. An unknown or already ended case
 * changes nothing.
 */
public record NoteQuarantineEndedCommand(
        @TargetAggregateIdentifier PersonId personId,
        String caseId,
        QuarantineEnding ending,
        String reason,
        String sourceEventId,
        Instant endedAt) implements PersonScoped {

    public NoteQuarantineEndedCommand {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(sourceEventId, "sourceEventId");
        Objects.requireNonNull(endedAt, "endedAt");
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
