package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

/**
 * Set a person's colour by hand; a reason and an actor are required.
 */
public record OverrideColourCommand(
        @TargetAggregateIdentifier PersonId personId,
        RiskColour colour,
        String reason,
        String setBy,
        Instant setAt) implements PersonScoped {

    public OverrideColourCommand {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(setBy, "setBy");
        Objects.requireNonNull(setAt, "setAt");
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
