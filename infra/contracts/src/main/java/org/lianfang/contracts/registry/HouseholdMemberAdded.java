package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/** A person became a member of a household; part of that person's trail. */
public record HouseholdMemberAdded(String householdId, PersonId personId, String addedBy, Instant addedAt)
        implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
