package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Leave one of the grid's roles vacant; never allowed for the grid leader once there was one. */
public record RemoveGridRoleCommand(
        @TargetAggregateIdentifier String compoundId,
        GridRole role,
        String removedBy,
        Instant removedAt) {

    public RemoveGridRoleCommand {
        Objects.requireNonNull(compoundId, "compoundId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(removedBy, "removedBy");
        Objects.requireNonNull(removedAt, "removedAt");
    }
}
