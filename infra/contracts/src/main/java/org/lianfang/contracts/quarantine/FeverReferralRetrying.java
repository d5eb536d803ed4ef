package org.lianfang.contracts.quarantine;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * Delivering a referral failed for a reason that may pass; the outbox keeps retrying with backoff.
 * Raised once per referral (the first failure), not per attempt, so an outage does not flood the
 * timeline; the outbox document has the attempt count and the last error.
 *
 * @param reason why the first delivery failed, e.g. {@code HTTP 503} or {@code timeout}
 */
public record FeverReferralRetrying(
        String referralId,
        QuarantineCaseId caseId,
        String personId,
        String reason,
        int attempts,
        Instant at) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
