package org.lianfang.contracts.quarantine;

/**
 * Where a fever-clinic referral (发热门诊转诊) stands. It only moves forward: PENDING → RETRYING →
 * SENT → ACCEPTED, or to FAILED when the clinic refuses it for good.
 */
public enum ReferralStatus {
    /** Requested; not yet delivered to the clinic. */
    PENDING,
    /** A delivery failed for a reason that may pass (clinic down, slow, 5xx); it is being retried. */
    RETRYING,
    /** The clinic acknowledged receipt and gave its reference. */
    SENT,
    /** The clinic accepted the patient. */
    ACCEPTED,
    /** The clinic refused the referral (a 4xx it will keep answering); a person must follow up. */
    FAILED
}
