package org.lianfang.quarantine.cases.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Twice-daily check windows in the community's zone, as a table. */
class CheckSchedulePolicyTest {

    @ParameterizedTest(name = "from {0} → {1}")
    @CsvSource({
            "2020-01-24T21:59:00Z, 2020-01-25/morning, 2020-01-24T22:00:00Z, 2020-01-25T04:00:00Z",
            "2020-01-24T22:00:00Z, 2020-01-25/morning, 2020-01-24T22:00:00Z, 2020-01-25T04:00:00Z",
            "2020-01-24T22:00:01Z, 2020-01-25/evening, 2020-01-25T09:00:00Z, 2020-01-25T14:00:00Z",
            "2020-01-25T02:00:00Z, 2020-01-25/evening, 2020-01-25T09:00:00Z, 2020-01-25T14:00:00Z",
            "2020-01-25T09:00:01Z, 2020-01-26/morning, 2020-01-25T22:00:00Z, 2020-01-26T04:00:00Z",
    })
    void theFirstWindowIsTheNextToOpen(Instant from, String key, Instant opens, Instant closes) {
        assertThat(CheckSchedulePolicy.DEFAULT.firstOpeningFrom(from))
                .isEqualTo(new CheckSchedulePolicy.CheckWindow(key, opens, closes));
    }

    @ParameterizedTest(name = "at {0} → {1}")
    @CsvSource({
            "2020-01-24T21:59:00Z, 2020-01-25/morning",
            "2020-01-24T22:00:00Z, 2020-01-25/morning",
            "2020-01-25T03:59:59Z, 2020-01-25/morning",
            "2020-01-25T04:00:00Z, 2020-01-25/evening",
            "2020-01-25T13:59:59Z, 2020-01-25/evening",
            "2020-01-25T14:00:00Z, 2020-01-26/morning",
            "2020-01-25T16:30:00Z, 2020-01-26/morning",
    })
    void dueChecksLookAtTheWindowOpenNowOrElseTheNext(Instant at, String key) {
        assertThat(CheckSchedulePolicy.DEFAULT.currentOrNext(at).key()).isEqualTo(key);
    }

    @Test
    void windowsFollowEachOtherMorningEveningDayAfterDay() {
        CheckSchedulePolicy.CheckWindow window = CheckSchedulePolicy.DEFAULT.firstOpeningFrom(
                Instant.parse("2020-01-24T16:00:00Z"));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            keys.add(window.key());
            window = CheckSchedulePolicy.DEFAULT.after(window);
        }
        assertThat(keys).containsExactly("2020-01-25/morning", "2020-01-25/evening", "2020-01-26/morning",
                "2020-01-26/evening", "2020-01-27/morning");
    }

    @Test
    void windowsAreAParameter() {
        CheckSchedulePolicy thrice = new CheckSchedulePolicy(List.of(
                new CheckSchedulePolicy.DailyWindow("noon", LocalTime.of(11, 0), LocalTime.of(13, 0)),
                new CheckSchedulePolicy.DailyWindow("dawn", LocalTime.of(5, 0), LocalTime.of(7, 0)),
                new CheckSchedulePolicy.DailyWindow("night", LocalTime.of(20, 0), LocalTime.of(23, 0))),
                ZoneId.of("Asia/Shanghai"));

        CheckSchedulePolicy.CheckWindow first = thrice.firstOpeningFrom(Instant.parse("2020-01-24T16:00:00Z"));

        assertThat(first.key()).isEqualTo("2020-01-25/dawn");
        assertThat(thrice.after(first).key()).isEqualTo("2020-01-25/noon");
        assertThat(thrice.after(thrice.after(first)).key()).isEqualTo("2020-01-25/night");
    }
}
