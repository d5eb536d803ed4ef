package org.lianfang.contracts.quarantine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * A fever made the case refer the person to the county fever clinic. Raised together with
 * {@link FeverDetected}, so a referral is never lost between the fever and the outbox that
 * delivers it; {@code referralId} is the idempotency key of the delivery.
 *
 * @param referralId  unique per referral; the clinic receives it as {@code Idempotency-Key}
 * @param celsius     the reading that was a fever
 * @param occurredAt  when the reading was taken
 * @param requestedAt when the referral was decided
 */
public record FeverReferralRequested(
        String referralId,
        QuarantineCaseId caseId,
        String personId,
        String communityId,
        String compoundId,
        BigDecimal celsius,
        Instant occurredAt,
        Instant requestedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
