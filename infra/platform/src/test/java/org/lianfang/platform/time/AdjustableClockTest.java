package org.lianfang.platform.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AdjustableClockTest {

    static final Instant BASE = Instant.parse("2020-01-24T00:00:00Z");
    final AdjustableClock clock = new AdjustableClock(Clock.fixed(BASE, ZoneOffset.UTC));

    @Test
    void movesForwardByADurationAndToAnInstant() {
        clock.advance(Duration.ofDays(1));
        assertThat(clock.instant()).isEqualTo(BASE.plus(Duration.ofDays(1)));
        clock.advanceTo(BASE.plus(Duration.ofDays(14)));
        assertThat(clock.instant()).isEqualTo(BASE.plus(Duration.ofDays(14)));
        assertThat(clock.offset()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void neverMovesBackwards() {
        clock.advance(Duration.ofHours(12));
        clock.advanceTo(BASE.plus(Duration.ofHours(1)));
        assertThat(clock.instant()).isEqualTo(BASE.plus(Duration.ofHours(12)));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aZonedViewKeepsTheOffset() {
        clock.advance(Duration.ofHours(3));
        assertThat(clock.withZone(ZoneOffset.ofHours(8)).instant()).isEqualTo(BASE.plus(Duration.ofHours(3)));
    }
}
