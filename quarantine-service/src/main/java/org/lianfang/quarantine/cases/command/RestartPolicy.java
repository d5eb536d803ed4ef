package org.lianfang.quarantine.cases.command;

import java.time.Instant;

/**
 * When a person whose last case has ended is quarantined again. A start by hand always opens a new
 * case: an operator decided it (retries are covered by the {@code Idempotency-Key}). An automatic
 * start opens one only if the event behind it happened after the case ended, so a redelivered or
 * replayed registry event never re-quarantines anyone, while a person who turns blue again later is
 * quarantined again. The first version's rule, "only a later arrival date", ignored operators after
 * an early release by mistake and people exposed again without a new arrival.
 */
public final class RestartPolicy {

    private RestartPolicy() {
    }

    /**
     * Whether a start opens a new case after one that ended at {@code endedAt}.
     *
     * @param triggeredAt when the event behind an automatic start happened; null for a start by hand
     */
    public static boolean opensNewCase(Instant triggeredAt, Instant endedAt) {
        return triggeredAt == null || triggeredAt.isAfter(endedAt);
    }
}
