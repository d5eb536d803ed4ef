package org.lianfang.quarantine.cases.command;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * When a quarantine may be completed (解除隔离): the period is over, and there was no fever in the
 * last {@code feverFreeDays} days. A refusal names the rule and says why, so the operator knows
 * what to wait for.
 *
 * @param feverFreeDays how many days without fever are needed before completion
 */
public record CompletionPolicy(int feverFreeDays) {

    public static final CompletionPolicy DEFAULT = new CompletionPolicy(3);

    public static final String PERIOD_NOT_OVER = "quarantine-period-not-over";
    public static final String RECENT_FEVER = "recent-fever";

    /** Why completion is refused. */
    public record Refusal(String rule, String detail) {
    }

    public CompletionPolicy {
        if (feverFreeDays < 0) {
            throw new IllegalArgumentException("feverFreeDays must not be negative");
        }
    }

    /** Why the case may not complete at {@code now}, or empty if it may. */
    public Optional<Refusal> refusal(Instant now, Instant endsAt, Collection<Instant> fevers) {
        if (now.isBefore(endsAt)) {
            return Optional.of(new Refusal(PERIOD_NOT_OVER, "The quarantine period runs until " + endsAt + "."));
        }
        Instant since = now.minus(Duration.ofDays(feverFreeDays));
        Optional<Instant> lastFever = fevers.stream().filter(at -> at.isAfter(since)).max(Instant::compareTo);
        return lastFever.map(at -> new Refusal(RECENT_FEVER, "A fever was recorded at " + at
                + "; completion needs " + feverFreeDays + " days without fever, i.e. not before "
                + at.plus(Duration.ofDays(feverFreeDays)) + "."));
    }
}
