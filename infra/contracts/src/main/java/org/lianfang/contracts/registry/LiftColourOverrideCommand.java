package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

/**
 * Lift a manual colour; a reason and an actor are required.
 */
public record LiftColourOverrideCommand(
        @TargetAggregateIdentifier PersonId personId,
        String reason,
        String liftedBy,
        Instant liftedAt) implements PersonScoped {

    public LiftColourOverrideCommand {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(liftedBy, "liftedBy");
        Objects.requireNonNull(liftedAt, "liftedAt");
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
