package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

/**
 * Note on a person that they tried to leave quarantine at a checkpoint; sent by the registry's
 * reaction to {@code QuarantineBreachAttempted}. The same crossing twice changes nothing.
 */
public record NoteQuarantineBreachCommand(
        @TargetAggregateIdentifier PersonId personId,
        String crossingId,
        String checkpointId,
        String caseId,
        String rule,
        String ruleVersion,
        String sourceEventId,
        Instant occurredAt) implements PersonScoped {

    public NoteQuarantineBreachCommand {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(crossingId, "crossingId");
        Objects.requireNonNull(sourceEventId, "sourceEventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
