package org.lianfang.quarantine.referral.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The wait after each failed delivery: doubled, capped, spread by at most a fifth. */
class ReferralBackoffTest {

    private final ReferralBackoff backoff = new ReferralBackoff(Duration.ofSeconds(5), Duration.ofMinutes(10));

    @ParameterizedTest(name = "after {0} failures: {1}s base")
    @CsvSource({"1, 5", "2, 10", "3, 20", "4, 40", "7, 320", "8, 600", "30, 600"})
    void doublesPerFailureUpToTheCap(int failures, long baseSeconds) {
        for (String id : new String[] {"a-r1", "b-r1", "c-r2", "case-with-a-long-id-r9"}) {
            Duration wait = backoff.after(failures, id);
            assertThat(wait).isBetween(Duration.ofSeconds(baseSeconds),
                    Duration.ofSeconds(baseSeconds).plus(Duration.ofSeconds(baseSeconds).dividedBy(5)));
            assertThat(backoff.after(failures, id)).isEqualTo(wait);
        }
    }
}
