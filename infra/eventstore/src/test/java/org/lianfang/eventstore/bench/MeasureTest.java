package org.lianfang.eventstore.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's accounting of pauses in runs where two operations take turns (item 2). */
class MeasureTest {

    private static final long MS = 1_000_000;

    @Test
    void withoutPausesEachOperationKeepsItsTimeAndItsShareOfTheDrain() {
        long[] times = Measure.spread(new long[] {300 * MS, 100 * MS}, new long[3], 40 * MS, new long[] {100, 100});

        assertThat(times).containsExactly(320 * MS, 120 * MS);
    }

    @Test
    void aPauseInOneOperationsCommandsIsChargedToBothInProportionToTheirWork() {
        // 100 ms of pause fell into a command of the first operation; without it both worked 200 ms
        long[] times = Measure.spread(new long[] {300 * MS, 200 * MS}, new long[] {100 * MS, 0, 0}, 0, new long[] {50, 50});

        assertThat(times).containsExactly(250 * MS, 250 * MS);
    }

    @Test
    void pausesInTheDrainAreSpreadToo() {
        // work 300 and 100 ms; the drain 40 ms of which 20 ms a pause, its 20 ms of work shared by operations (1:1)
        long[] times = Measure.spread(new long[] {300 * MS, 100 * MS}, new long[] {0, 0, 20 * MS}, 40 * MS, new long[] {10, 10});

        assertThat(times[0]).isEqualTo(310 * MS + 20 * MS * 310 / 420);
        assertThat(times[1]).isEqualTo(110 * MS + 20 * MS * 110 / 420);
        assertThat(times[0] + times[1]).isBetween(440 * MS - 2, 440 * MS);
    }

    @Test
    void theJvmsReportedPausesAreOnTheNanoTimeScale() {
        Pauses.start();
        List<byte[]> retained = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            retained.add(new byte[512]);
        }
        long begin = System.nanoTime();
        System.gc();
        long end = System.nanoTime();

        List<Pauses.Pause> pauses = Pauses.between(begin, end);

        assertThat(retained).hasSize(200_000);
        // the reports have a resolution of a millisecond
        assertThat(pauses).as("the pause of System.gc() between %d and %d", begin, end).anySatisfy(p -> {
            assertThat(p.begin()).isBetween(begin - 5 * MS, end);
            assertThat(p.end()).isBetween(p.begin(), end + 5 * MS);
        });
    }

    @Test
    void interleavedRunsTakeTurnsAndCountEachOperation() {
        List<String> order = new ArrayList<>();
        Measure.Rate[] rates = Measure.interleaved(Duration.ofMinutes(1), 3,
                (t, i) -> order.add("a" + i), (t, i) -> order.add("b" + i), () -> order.add("drain"), false);

        assertThat(order).containsExactly("a0", "b0", "a1", "b1", "a2", "b2", "drain");
        assertThat(rates[0].ops()).isEqualTo(3);
        assertThat(rates[1].ops()).isEqualTo(3);
    }
}
