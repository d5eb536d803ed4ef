package org.lianfang.volunteer.shift.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coverage per checkpoint-hour: required, assigned, on duty, and which hours are gaps and why. */
class CoverageTest {

    private static final Instant T8 = Instant.parse("2020-02-01T08:00:00Z");
    private static final Instant T10 = Instant.parse("2020-02-01T10:00:00Z");

    private static ShiftView shift(String id, String from, String to, int required, ShiftView.Assignment... on) {
        return new ShiftView(id, "gate", "anguo", null, Instant.parse("2020-02-01T" + from + ":00Z"),
                Instant.parse("2020-02-01T" + to + ":00Z"), required, List.of(on), "op", T8);
    }

    private static ShiftView.Assignment on(String volunteer, String in, String out) {
        return new ShiftView.Assignment(volunteer, null, T8, in == null ? null : Instant.parse("2020-02-01T" + in + ":00Z"),
                out == null ? null : Instant.parse("2020-02-01T" + out + ":00Z"));
    }

    @Test
    void anHourWithoutAShiftIsAGap() {
        List<Coverage.Hour> hours = Coverage.hours("gate", "North gate", List.of(shift("a", "08:00", "09:00", 1,
                on("v1", null, null))), T8, T10, T8.minusSeconds(3600));

        assertThat(hours).extracting(Coverage.Hour::gap).containsExactly(null, Coverage.GapReason.NO_SHIFT);
        assertThat(hours.get(0).required()).isEqualTo(1);
        assertThat(hours.get(0).assigned()).isEqualTo(1);
    }

    @Test
    void fewerAssignedThanRequiredIsUnderstaffedAndOverlappingShiftsAddUp() {
        List<Coverage.Hour> hours = Coverage.hours("gate", "North gate", List.of(
                shift("a", "08:00", "10:00", 2, on("v1", null, null)),
                shift("b", "09:30", "12:00", 1, on("v2", null, null))), T8, T10, T8.minusSeconds(3600));

        assertThat(hours).extracting(Coverage.Hour::required).containsExactly(2, 3);
        assertThat(hours).extracting(Coverage.Hour::assigned).containsExactly(1, 2);
        assertThat(hours).extracting(Coverage.Hour::gap).containsOnly(Coverage.GapReason.UNDERSTAFFED);
    }

    @Test
    void onceTheHourBeganTheVolunteersMustBeOnDuty() {
        ShiftView staffed = shift("a", "08:00", "10:00", 2, on("v1", "07:55", null), on("v2", null, null));

        List<Coverage.Hour> before = Coverage.hours("gate", "g", List.of(staffed), T8, T10, T8.minusSeconds(60));
        List<Coverage.Hour> during = Coverage.hours("gate", "g", List.of(staffed), T8, T10, T8.plusSeconds(1200));

        assertThat(before).extracting(Coverage.Hour::gap).containsOnlyNulls();
        assertThat(during).extracting(Coverage.Hour::gap).containsExactly(Coverage.GapReason.NOT_ON_DUTY, null);
        assertThat(during).extracting(Coverage.Hour::onDuty).containsExactly(1, 1);
    }

    @Test
    void aVolunteerWhoCheckedOutIsNoLongerOnDuty() {
        ShiftView shift = shift("a", "08:00", "10:00", 1, on("v1", "08:00", "08:30"));

        List<Coverage.Hour> hours = Coverage.hours("gate", "g", List.of(shift), T8, T10, T10);

        assertThat(hours).extracting(Coverage.Hour::onDuty).containsExactly(1, 0);
        assertThat(hours).extracting(Coverage.Hour::gap).containsExactly(null, Coverage.GapReason.NOT_ON_DUTY);
    }
}
