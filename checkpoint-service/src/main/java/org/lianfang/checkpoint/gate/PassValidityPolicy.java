package org.lianfang.checkpoint.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.lianfang.contracts.checkpoint.PassLimit;

/**
 * Whether a temporary pass (临时通行证) lets a person out at a given moment. Everything is judged at
 * the crossing's occurred-at, not at upload, so a late upload is judged as it happened: a pass
 * revoked after the exit still covered it. The limit counts exits per period of
 * {@code periodDays} from valid-from, which does not depend on the order uploads arrive in.
 */
public final class PassValidityPolicy {

    public static final String REVOKED = "pass-revoked";
    public static final String NOT_YET_VALID = "pass-not-yet-valid";
    public static final String EXPIRED = "pass-expired";
    public static final String OTHER_COMPOUND = "pass-for-another-compound";
    public static final String NOT_HOLDER = "pass-not-for-this-person";
    public static final String OVER_USED = "pass-over-used";

    /** The terms a pass was issued with; exactly one of household and person is set. */
    public record Terms(String compoundId, String householdId, String personId, Instant validFrom, Instant validTo,
                        PassLimit limit) {
    }

    /** Who shows the pass where and when. */
    public record Use(String compoundId, Collection<String> personIds, Collection<String> householdIds,
                      Instant occurredAt) {
    }

    /** The limit period an exit at {@code at} counts in (0 = the first {@code periodDays} days). */
    public static long period(Terms terms, Instant at) {
        long seconds = Duration.between(terms.validFrom(), at).getSeconds();
        return Math.floorDiv(seconds, Duration.ofDays(terms.limit().periodDays()).getSeconds());
    }

    /**
     * @param revokedAt       when the pass was revoked, null if it was not
     * @param exitsInPeriod   exits already spent in the period of {@code use.occurredAt()}
     */
    public Optional<GateDenial> judge(Terms terms, Instant revokedAt, int exitsInPeriod, Use use) {
        Instant at = use.occurredAt();
        if (revokedAt != null && !at.isBefore(revokedAt)) {
            return Optional.of(new GateDenial(REVOKED, "The pass was revoked at " + revokedAt + "."));
        }
        if (at.isBefore(terms.validFrom())) {
            return Optional.of(new GateDenial(NOT_YET_VALID, "The pass is valid from " + terms.validFrom() + "."));
        }
        if (!at.isBefore(terms.validTo())) {
            return Optional.of(new GateDenial(EXPIRED, "The pass expired at " + terms.validTo() + "."));
        }
        if (!terms.compoundId().equals(use.compoundId())) {
            return Optional.of(new GateDenial(OTHER_COMPOUND, "The pass is for another compound's gates."));
        }
        boolean holder = terms.householdId() != null
                ? use.householdIds().contains(terms.householdId())
                : use.personIds().contains(terms.personId());
        if (!holder) {
            return Optional.of(new GateDenial(NOT_HOLDER, terms.householdId() != null
                    ? "Nobody crossing belongs to the household the pass was issued to."
                    : "The pass was issued to another person."));
        }
        if (exitsInPeriod >= terms.limit().maxExits()) {
            return Optional.of(new GateDenial(OVER_USED, "The pass allows " + terms.limit().maxExits()
                    + " exit(s) every " + terms.limit().periodDays() + " day(s); this period's are used."));
        }
        return Optional.empty();
    }
}
