package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a household at an address: compound, building, unit and room. */
public record RegisterHouseholdCommand(
        @TargetAggregateIdentifier String householdId,
        String compoundId,
        String building,
        String unit,
        String room,
        String registeredBy,
        Instant registeredAt) {

    public RegisterHouseholdCommand {
        Objects.requireNonNull(householdId, "householdId");
        Objects.requireNonNull(compoundId, "compoundId");
        Objects.requireNonNull(building, "building");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(registeredBy, "registeredBy");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }
}
