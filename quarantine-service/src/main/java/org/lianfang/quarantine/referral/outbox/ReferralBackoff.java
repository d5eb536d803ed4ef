package org.lianfang.quarantine.referral.outbox;

import java.time.Duration;

/**
 * How long a referral waits after its n-th failed delivery: the initial wait doubled per failure,
 * capped, plus up to a fifth more that depends on the referral id, so referrals that failed
 * together during an outage do not all come back in the same second.
 */
record ReferralBackoff(Duration initial, Duration max) {

    Duration after(int failures, String referralId) {
        long base = initial.toMillis();
        for (int i = 1; i < failures && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        long spread = Math.floorMod(referralId.hashCode(), 1000) * (base / 5) / 1000;
        return Duration.ofMillis(base + spread);
    }
}
