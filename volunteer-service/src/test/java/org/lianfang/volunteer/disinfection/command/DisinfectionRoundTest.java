package org.lianfang.volunteer.disinfection.command;

import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.volunteer.DisinfectionArea;
import org.lianfang.contracts.volunteer.DisinfectionRecorded;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.testing.MutableClock;
import org.lianfang.volunteer.support.InvalidInputException;

/** A round is recorded when done or within a week, never ahead of time. */
class DisinfectionRoundTest {

    private static final Instant NOW = Instant.parse("2020-02-01T10:00:00Z");
    private static final List<DisinfectionArea> AREAS = List.of(DisinfectionArea.LIFTS, DisinfectionArea.HANDLES);
    private static final List<VolunteerId> BY = List.of(VolunteerId.of("v-1"));

    private AggregateTestFixture<DisinfectionRound> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DisinfectionRound.class);
        fixture.registerInjectableResource(new MutableClock(NOW));
    }

    private static RecordDisinfectionCommand round(Instant at) {
        return new RecordDisinfectionCommand("round-1", "anguo", "c-3", "3", AREAS, BY, at, "op-1");
    }

    @Test
    void aRoundIsRecordedWithWhenItWasDone() {
        fixture.givenNoPriorActivity().when(round(NOW.minusSeconds(3600)))
                .expectEvents(new DisinfectionRecorded("round-1", "anguo", "c-3", "3", AREAS, BY,
                        NOW.minusSeconds(3600), "op-1", NOW));
    }

    @Test
    void aRoundInTheFutureIsInvalid() {
        fixture.givenNoPriorActivity().when(round(NOW.plusSeconds(600)))
                .expectException(InvalidInputException.class).expectNoEvents();
    }

    @Test
    void aRoundMoreThanAWeekOldIsInvalid() {
        fixture.givenNoPriorActivity().when(round(NOW.minusSeconds(8 * 86_400)))
                .expectException(InvalidInputException.class).expectNoEvents();
    }
}
