package org.lianfang.volunteer.volunteer.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.volunteer.ShiftId;

/** Two shifts overlap when each starts before the other ends; touching is fine. */
class ShiftOverlapPolicyTest {

    private static final Commitment HELD = new Commitment(ShiftId.of("held"), CheckpointId.of("c"),
            Instant.parse("2020-02-01T08:00:00Z"), Instant.parse("2020-02-01T12:00:00Z"), null, null);

    @ParameterizedTest(name = "{0}–{1} overlaps 08–12: {2}")
    @CsvSource({
            "06:00, 08:00, false",
            "06:00, 08:01, true",
            "08:00, 12:00, true",
            "09:00, 10:00, true",
            "07:00, 13:00, true",
            "11:59, 14:00, true",
            "12:00, 14:00, false",
            "13:00, 14:00, false"})
    void overlapsWhenEachStartsBeforeTheOtherEnds(String from, String to, boolean overlaps) {
        assertThat(ShiftOverlapPolicy.conflict(List.of(HELD), Instant.parse("2020-02-01T" + from + ":00Z"),
                Instant.parse("2020-02-01T" + to + ":00Z")).isPresent()).isEqualTo(overlaps);
    }
}
