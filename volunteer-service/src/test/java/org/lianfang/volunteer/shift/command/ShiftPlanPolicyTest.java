package org.lianfang.volunteer.shift.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A plan ends after it starts, lasts at most 12 h, is not over and needs 1–50 volunteers. */
class ShiftPlanPolicyTest {

    private static final Instant NOW = Instant.parse("2020-02-01T06:00:00Z");

    @ParameterizedTest(name = "{0}–{1} × {2}: {3}")
    @CsvSource(nullValues = "null", value = {
            "2020-02-01T08:00:00Z, 2020-02-01T12:00:00Z, 2, null",
            "2020-02-01T08:00:00Z, 2020-02-01T08:00:00Z, 2, endsAt",
            "2020-02-01T08:00:00Z, 2020-02-01T07:00:00Z, 2, endsAt",
            "2020-02-01T08:00:00Z, 2020-02-01T20:00:00Z, 2, null",
            "2020-02-01T08:00:00Z, 2020-02-01T20:00:01Z, 2, endsAt",
            "2020-02-01T01:00:00Z, 2020-02-01T05:00:00Z, 2, endsAt",
            "2020-02-01T04:00:00Z, 2020-02-01T08:00:00Z, 2, null",
            "2020-02-01T08:00:00Z, 2020-02-01T12:00:00Z, 0, requiredHeadcount",
            "2020-02-01T08:00:00Z, 2020-02-01T12:00:00Z, 51, requiredHeadcount"})
    void namesTheFieldAtFault(String from, String to, int required, String field) {
        assertThat(ShiftPlanPolicy.problem(Instant.parse(from), Instant.parse(to), required, NOW)
                .map(ShiftPlanPolicy.Problem::field).orElse(null)).isEqualTo(field);
    }
}
