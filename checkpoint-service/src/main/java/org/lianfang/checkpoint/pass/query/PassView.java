package org.lianfang.checkpoint.pass.query;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.checkpoint.PassLimit;

/** A pass as it stands, with every exit spent on it in the order they happened. */
public record PassView(String id, String communityId, String compoundId, String householdId, String personId,
                       Instant validFrom, Instant validTo, PassLimit limit, String note, String issuedBy,
                       Instant issuedAt, Instant revokedAt, String revokedBy, String revokeReason, List<Exit> exits) {

    /** One exit spent on the pass. */
    public record Exit(String crossingId, List<String> personIds, Instant occurredAt, long period) {
    }

    /** Valid at {@code now}: issued for now and not revoked. */
    public boolean validAt(Instant now) {
        return (revokedAt == null || now.isBefore(revokedAt)) && !now.isBefore(validFrom) && now.isBefore(validTo);
    }
}
