package org.lianfang.contracts.checkpoint;

import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issue a temporary pass (临时通行证) to a household (any member may use it) or to one person.
 * Exactly one of {@code householdId} and {@code personId} is set.
 */
public record IssuePassCommand(
        @TargetAggregateIdentifier String passId,
        String communityId,
        String compoundId,
        String householdId,
        String personId,
        Instant validFrom,
        Instant validTo,
        PassLimit limit,
        String note,
        String issuedBy,
        Instant issuedAt) {

    public IssuePassCommand {
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(communityId, "communityId");
        Objects.requireNonNull(compoundId, "compoundId");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validTo, "validTo");
        Objects.requireNonNull(limit, "limit");
        if ((householdId == null) == (personId == null)) {
            throw new IllegalArgumentException("a pass is for a household or for a person");
        }
    }
}
