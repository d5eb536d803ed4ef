package org.lianfang.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that runs with the system clock plus an offset that can be moved forward — for
 * end-to-end tests and demos that live through a 14-day quarantine in minutes. It never moves
 * backwards: decisions already taken (a closed check window, a completed case) stay in the past.
 * Only used when {@code lianfang.clock.adjustable=true}; production runs on the system clock.
 */
public final class AdjustableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public AdjustableClock(Clock base) {
        this.base = base;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(base, offset.get()).withZone(zone);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    /** The current offset from the system clock. */
    public Duration offset() {
        return offset.get();
    }

    /** Moves the clock forward by {@code by}; answers the new offset. */
    public Duration advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        return offset.updateAndGet(current -> current.plus(by));
    }

    /** Moves the clock forward to {@code instant}, if that is not in its past; answers the new offset. */
    public Duration advanceTo(Instant instant) {
        return offset.updateAndGet(current -> {
            Duration wanted = Duration.between(base.instant(), instant);
            return wanted.compareTo(current) > 0 ? wanted : current;
        });
    }
}
