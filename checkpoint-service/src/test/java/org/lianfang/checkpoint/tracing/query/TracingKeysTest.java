package org.lianfang.checkpoint.tracing.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tracing reads' own instant parsing agrees with {@link Instant#parse} and refuses what it refuses. */
class TracingKeysTest {

    @Test
    void wholeSecondsAndEverythingElseParseAsInstantParseDoes() {
        for (String text : new String[] {"2020-02-03T00:10:00Z", "2020-02-29T23:59:59Z", "1999-12-31T00:00:07Z",
                "2020-02-03T00:10:00.5Z", "2020-02-03T00:10:00.123456789Z", "+12020-02-03T00:10:00Z"}) {
            assertThat(TracingKeys.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextInt(2_000_000_000));
            assertThat(TracingKeys.instant(at.toString())).isEqualTo(at);
            assertThat(TracingKeys.minuteStart(TracingKeys.minute(at))).isEqualTo(TracingKeys.truncatedToMinute(at));
        }
    }

    @Test
    void whatIsNoInstantIsRefused() {
        for (String text : new String[] {"2020-02-30T00:10:00Z", "2020-02-03T24:10:00Z", "2020-02-03 00:10:00Z",
                "2020-02-03T00:10:60Z", "2020-0a-03T00:10:00Z"}) {
            assertThatThrownBy(() -> TracingKeys.instant(text)).as(text).isInstanceOf(java.time.DateTimeException.class);
        }
        assertThatThrownBy(() -> TracingKeys.minuteStart("2020/02/03T00:10")).isInstanceOf(DateTimeParseException.class);
    }
}
