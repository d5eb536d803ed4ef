package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

/** Add a registered person to a household. */
public record AddHouseholdMemberCommand(
        @TargetAggregateIdentifier String householdId,
        PersonId personId,
        String addedBy,
        Instant addedAt) implements PersonScoped {

    public AddHouseholdMemberCommand {
        Objects.requireNonNull(householdId, "householdId");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(addedBy, "addedBy");
        Objects.requireNonNull(addedAt, "addedAt");
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
