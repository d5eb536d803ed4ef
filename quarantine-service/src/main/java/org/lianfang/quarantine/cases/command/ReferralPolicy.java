package org.lianfang.quarantine.cases.command;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import org.lianfang.contracts.quarantine.ReferralStatus;

/**
 * When a fever is referred to the county fever clinic (发热门诊), and how a referral's status may
 * move. Every fever is referred, except one taken within {@code cooldown} after a fever that was
 * already referred and not refused: the clinic has the person then, a second referral would only
 * make it call twice (a reading entered late counts by when it was taken, either side). Statuses only move forward, so a repeated or late outcome changes nothing.
 *
 * @param cooldown how long after a referred fever a further fever is not referred again
 */
public record ReferralPolicy(Duration cooldown) {

    public static final ReferralPolicy DEFAULT = new ReferralPolicy(Duration.ofHours(24));

    public ReferralPolicy {
        Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative");
        }
    }

    /** A referral already made: for which fever, and where it stands. */
    public record Made(Instant feverAt, ReferralStatus status) {
    }

    /** Whether a fever taken at {@code feverAt} is referred, given the case's earlier referrals. */
    public boolean refers(Instant feverAt, Collection<Made> earlier) {
        return earlier.stream().noneMatch(made -> made.status() != ReferralStatus.FAILED
                && Duration.between(made.feverAt(), feverAt).abs().compareTo(cooldown) < 0);
    }

    /** Whether a referral may move from {@code from} to {@code to}; forward only, FAILED and ACCEPTED end it. */
    public boolean canMove(ReferralStatus from, ReferralStatus to) {
        return switch (from) {
            case PENDING -> to != ReferralStatus.PENDING;
            case RETRYING -> to == ReferralStatus.SENT || to == ReferralStatus.ACCEPTED || to == ReferralStatus.FAILED;
            case SENT -> to == ReferralStatus.ACCEPTED;
            case ACCEPTED, FAILED -> false;
        };
    }
}
