package org.lianfang.registry.person.web;

import java.time.Duration;
import java.time.Instant;
import org.lianfang.platform.problem.InvalidRequestException;

/**
 * A write's optional {@code occurredAt}: when the fact happened, which may be long before it is
 * recorded (a paper form typed in later, a replayed story) but not after now, give or take the
 * platform's clock skew ({@code lianfang.security.max-clock-skew}).
 */
final class OccurredAt {

    private OccurredAt() {
    }

    /** {@code given} (null when not given); 400 naming {@code occurredAt} when it lies beyond now + skew. */
    static Instant check(Instant given, Instant now, Duration maxClockSkew) {
        if (given != null && given.isAfter(now.plus(maxClockSkew))) {
            throw InvalidRequestException.of("occurredAt", "must not be in the future (the clock skew allowed is "
                    + maxClockSkew + ")");
        }
        return given;
    }
}
