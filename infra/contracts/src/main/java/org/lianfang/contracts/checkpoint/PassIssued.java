package org.lianfang.contracts.checkpoint;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/** A temporary pass was issued; it is valid at every gate of its compound from {@code validFrom} to {@code validTo}. */
public record PassIssued(
        String passId,
        String communityId,
        String compoundId,
        String householdId,
        String personId,
        Instant validFrom,
        Instant validTo,
        PassLimit limit,
        String note,
        String issuedBy,
        Instant issuedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return personId == null ? List.of() : List.of(personId);
    }
}
