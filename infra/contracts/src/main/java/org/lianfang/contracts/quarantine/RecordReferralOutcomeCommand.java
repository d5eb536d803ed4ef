package org.lianfang.contracts.quarantine;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Tell a case what became of delivering one of its referrals. Idempotent: a status the referral
 * has already reached (or passed) changes nothing, so the outbox may repeat it after a crash.
 *
 * @param status          RETRYING, SENT, ACCEPTED or FAILED
 * @param clinicReference the clinic's reference for SENT/ACCEPTED, else null
 * @param reason          for RETRYING/FAILED, why; else null
 * @param attempts        deliveries so far
 */
public record RecordReferralOutcomeCommand(
        @TargetAggregateIdentifier QuarantineCaseId caseId,
        String referralId,
        ReferralStatus status,
        String clinicReference,
        String reason,
        int attempts) {
}
