package org.lianfang.volunteer.disinfection.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Three rounds a day; a second record within two hours is the same round. */
class DailyRoundsPolicyTest {

    @ParameterizedTest(name = "rounds at [{0}] → done {1}, missing {2}")
    @CsvSource(delimiter = '|', value = {
            "|0|3",
            "07:00|1|2",
            "07:00 12:00 18:00|3|0",
            "18:00 07:00 12:00|3|0",
            "07:00 07:30 12:00|2|1",
            "07:00 09:00 11:00|3|0",
            "07:00 08:59 10:58|2|1",
            "07:00 12:00 18:00 21:00|4|0"})
    void countsDistinctRounds(String times, int done, int missing) {
        List<Instant> rounds = times == null ? List.of() : Arrays.stream(times.trim().split(" "))
                .map(t -> Instant.parse("2020-02-01T" + t + ":00Z")).toList();

        DailyRoundsPolicy.Status status = DailyRoundsPolicy.status(rounds, 3);

        assertThat(status.done()).isEqualTo(done);
        assertThat(status.missing()).isEqualTo(missing);
        assertThat(status.complete()).isEqualTo(missing == 0);
    }
}
