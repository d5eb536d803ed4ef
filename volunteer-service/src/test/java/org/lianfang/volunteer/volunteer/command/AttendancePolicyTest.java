package org.lianfang.volunteer.volunteer.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a check-in may be recorded, and how attendance is judged with a 10-minute grace. */
class AttendancePolicyTest {

    private static final Instant START = Instant.parse("2020-02-01T08:00:00Z");
    private static final Instant END = Instant.parse("2020-02-01T12:00:00Z");

    @ParameterizedTest(name = "check-in at {0}: {1}")
    @CsvSource(nullValues = "null", value = {
            "06:59, check-in-too-early",
            "07:00, null",
            "08:30, null",
            "11:59, null",
            "12:00, shift-over"})
    void aCheckInIsRecordedFromAnHourBeforeTheStartUntilTheEnd(String at, String refusal) {
        assertThat(AttendancePolicy.refusal(START, END, Instant.parse("2020-02-01T" + at + ":00Z"))).isEqualTo(refusal);
    }

    @ParameterizedTest(name = "checked in {0}, now {1}: {2}")
    @CsvSource(nullValues = "null", value = {
            "null, 07:00, UPCOMING",
            "null, 08:05, DUE",
            "null, 08:10, DUE",
            "null, 08:11, MISSING",
            "07:50, 09:00, ON_TIME",
            "08:10, 09:00, ON_TIME",
            "08:11, 09:00, LATE"})
    void attendanceIsJudgedAgainstTheGrace(String checkedIn, String now, AttendancePolicy.Status status) {
        Instant in = checkedIn == null ? null : Instant.parse("2020-02-01T" + checkedIn + ":00Z");
        assertThat(AttendancePolicy.status(START, in, Instant.parse("2020-02-01T" + now + ":00Z"),
                Duration.ofMinutes(10))).isEqualTo(status);
    }
}
