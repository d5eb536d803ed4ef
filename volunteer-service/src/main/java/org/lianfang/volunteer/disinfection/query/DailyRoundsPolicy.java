package org.lianfang.volunteer.disinfection.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Whether a building had its daily rounds (three a day in the story). Rounds less than two hours
 * after the last counted one are the same round written down twice (two volunteers, two phones), so
 * they do not count again.
 */
public final class DailyRoundsPolicy {

    public static final Duration SAME_ROUND = Duration.ofHours(2);

    /** How a building's day stands. */
    public record Status(int done, int required, int missing, boolean complete) {
    }

    private DailyRoundsPolicy() {
    }

    public static Status status(List<Instant> roundsOfTheDay, int required) {
        int done = 0;
        Instant last = null;
        for (Instant at : roundsOfTheDay.stream().sorted().toList()) {
            if (last == null || !at.isBefore(last.plus(SAME_ROUND))) {
                done++;
                last = at;
            }
        }
        int missing = Math.max(0, required - done);
        return new Status(done, required, missing, missing == 0);
    }
}
