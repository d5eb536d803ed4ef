package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.quarantine.QuarantineKind;

/**
 * Note on a person that quarantine-service started a case for them; sent by the registry's
 * reaction to {@code QuarantineStarted}. Noting the same case twice changes nothing.
 *
 * @param sourceEventId the id of quarantine-service's event, so the colour can name its cause
 */
public record NoteQuarantineStartedCommand(
        @TargetAggregateIdentifier PersonId personId,
        String caseId,
        QuarantineKind kind,
        Instant endsAt,
        String sourceEventId,
        Instant startedAt) implements PersonScoped {

    public NoteQuarantineStartedCommand {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(sourceEventId, "sourceEventId");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
