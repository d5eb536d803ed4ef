package org.lianfang.volunteer.shift.command;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a shift plan must look like: it ends after it starts, lasts at most twelve hours (people must
 * rest), needs one to fifty volunteers and does not lie in the past. Answers the field to blame.
 */
public final class ShiftPlanPolicy {

    public static final Duration LONGEST = Duration.ofHours(12);
    public static final int MOST_VOLUNTEERS = 50;

    /** What is wrong with a plan, and which field says so. */
    public record Problem(String field, String reason) {
    }

    private ShiftPlanPolicy() {
    }

    public static Optional<Problem> problem(Instant startsAt, Instant endsAt, int required, Instant now) {
        if (!endsAt.isAfter(startsAt)) {
            return Optional.of(new Problem("endsAt", "must be after startsAt"));
        }
        if (Duration.between(startsAt, endsAt).compareTo(LONGEST) > 0) {
            return Optional.of(new Problem("endsAt", "must be at most " + LONGEST.toHours() + " hours after startsAt"));
        }
        if (!endsAt.isAfter(now)) {
            return Optional.of(new Problem("endsAt", "must be in the future"));
        }
        if (required < 1 || required > MOST_VOLUNTEERS) {
            return Optional.of(new Problem("requiredHeadcount", "must be between 1 and " + MOST_VOLUNTEERS));
        }
        return Optional.empty();
    }
}
