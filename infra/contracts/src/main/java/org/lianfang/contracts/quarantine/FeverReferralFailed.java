package org.lianfang.contracts.quarantine;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * The fever clinic refused the referral with an answer that retrying will not change (a 4xx):
 * the outbox stops and the case shows it, so a person calls the clinic.
 *
 * @param reason what the clinic answered
 */
public record FeverReferralFailed(
        String referralId,
        QuarantineCaseId caseId,
        String personId,
        String reason,
        int attempts,
        Instant failedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
