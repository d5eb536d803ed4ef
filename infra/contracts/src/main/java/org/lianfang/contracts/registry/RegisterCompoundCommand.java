package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a residential compound (小区) of a community, before its grid can be staffed. */
public record RegisterCompoundCommand(
        @TargetAggregateIdentifier String compoundId,
        String name,
        String community,
        String registeredBy,
        Instant registeredAt) {

    public RegisterCompoundCommand {
        Objects.requireNonNull(compoundId, "compoundId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(community, "community");
        Objects.requireNonNull(registeredBy, "registeredBy");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }
}
