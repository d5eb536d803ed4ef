package org.lianfang.contracts.quarantine;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * The fever clinic acknowledged the referral.
 *
 * @param clinicReference the clinic's own reference for it
 * @param attempts        how many deliveries it took
 */
public record FeverReferralSent(
        String referralId,
        QuarantineCaseId caseId,
        String personId,
        String clinicReference,
        int attempts,
        Instant sentAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
