package org.lianfang.eventstore.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's profiles: what counts as a pause of a phase. */
class ProfilerTest {

    @Test
    void theFullCollectionForcedBeforeARunIsReportedApartFromThePauses(@TempDir Path dir) throws Exception {
        try (Profiler profiler = new Profiler(dir.resolve("phases.jfr"))) {
            try (AutoCloseable ignored = profiler.phase("forced")) {
                System.gc();
            }
            Profiler.Profile forced = profiler.analyse(Set.of("forced")).get("forced");

            assertThat(forced.forcedGcMillis()).isPositive();
            assertThat(forced.gcPauseMillis()).isZero();
        }
    }

    @Test
    void onlyACollectionAskedForIsForced() {
        assertThat(Profiler.forced("System.gc()")).isTrue();
        assertThat(Profiler.forced("G1 Evacuation Pause")).isFalse();
        assertThat(Profiler.forced("Allocation Failure")).isFalse();
        assertThat(Profiler.forced(null)).isFalse();
    }
}
