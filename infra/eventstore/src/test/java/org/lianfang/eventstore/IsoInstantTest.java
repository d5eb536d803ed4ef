package org.lianfang.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The stored event timestamp is exactly {@link Instant#toString()}, which readers parse back. */
class IsoInstantTest {

    @Test
    void writesWhatToStringWritesForEdgesAnd500000RandomInstants() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.ofEpochSecond(0, 1), Instant.ofEpochSecond(-1, 999_999_999),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("0999-03-01T00:00:00.5Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("2024-02-29T12:00:00.120Z"),
                Instant.parse("2026-12-01T05:30:57.123456Z"), Instant.parse("2026-12-01T05:30:57.000001Z"),
                Instant.parse("2026-12-01T05:30:00Z"), Instant.parse("1900-01-01T00:00:00.000000100Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"), Instant.MIN, Instant.MAX);
        for (Instant instant : edges) {
            assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString());
        }
        SplittableRandom random = new SplittableRandom(19);
        for (int i = 0; i < 500_000; i++) {
            long seconds = random.nextLong(-62_200_000_000L, 253_500_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            String expected = instant.toString();
            if (!IsoInstant.format(instant).equals(expected)) {
                assertThat(IsoInstant.format(instant)).isEqualTo(expected);
            }
        }
    }
}
