package org.lianfang.volunteer.volunteer.command;

import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.volunteer.ShiftCheckedIn;
import org.lianfang.contracts.volunteer.ShiftCheckedOut;
import org.lianfang.contracts.volunteer.ShiftId;
import org.lianfang.contracts.volunteer.VolunteerAssignedToShift;
import org.lianfang.contracts.volunteer.VolunteerEnrolled;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.contracts.volunteer.VolunteerKind;
import org.lianfang.contracts.volunteer.VolunteerUnassignedFromShift;
import org.lianfang.testing.MutableClock;
import org.lianfang.volunteer.support.InvalidInputException;

/** One test per rule of a volunteer's duty roster. */
class VolunteerTest {

    private static final VolunteerId V = VolunteerId.of("v-1");
    private static final CheckpointId NORTH_GATE = CheckpointId.of("north-gate");
    private static final ShiftId MORNING = ShiftId.of("s-morning");
    private static final ShiftId NOON = ShiftId.of("s-noon");
    private static final Instant EIGHT = Instant.parse("2020-02-01T00:00:00Z");
    private static final Instant TWELVE = Instant.parse("2020-02-01T04:00:00Z");
    private static final Instant NOW = Instant.parse("2020-01-31T20:00:00Z");

    private AggregateTestFixture<Volunteer> fixture;
    private MutableClock clock;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(NOW);
        fixture = new AggregateTestFixture<>(Volunteer.class);
        fixture.registerInjectableResource(clock);
    }

    private static VolunteerEnrolled enrolled() {
        return new VolunteerEnrolled(V, "anguo", "老兵张", "13800001234", VolunteerKind.VETERAN, List.of(), null,
                "op-1", NOW);
    }

    private static VolunteerAssignedToShift onMorning() {
        return new VolunteerAssignedToShift(V, MORNING, NORTH_GATE, EIGHT, TWELVE, "op-1", NOW);
    }

    private static VolunteerCommands.AssignToShift assign(ShiftId shift, Instant from, Instant to) {
        return new VolunteerCommands.AssignToShift(V, shift, NORTH_GATE, from, to, "op-1");
    }

    @Test
    void aVolunteerIsEnrolledWithTheirPledgeLetter() {
        fixture.givenNoPriorActivity()
                .when(new VolunteerCommands.Enroll(V, "anguo", "老兵张", "13800001234", VolunteerKind.VETERAN, List.of(),
                        null, "op-1"))
                .expectEvents(enrolled());
    }

    @Test
    void anOverlappingShiftIsRefused() {
        fixture.given(enrolled(), onMorning())
                .when(assign(NOON, TWELVE.minusSeconds(60), TWELVE.plusSeconds(3600)))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(containsString("s-morning"))
                .expectNoEvents();
    }

    @Test
    void aShiftStartingWhenTheLastEndsIsFine() {
        fixture.given(enrolled(), onMorning())
                .when(assign(NOON, TWELVE, TWELVE.plusSeconds(4 * 3600)))
                .expectEvents(new VolunteerAssignedToShift(V, NOON, NORTH_GATE, TWELVE, TWELVE.plusSeconds(4 * 3600),
                        "op-1", NOW));
    }

    @Test
    void assigningTheSameShiftAgainChangesNothing() {
        fixture.given(enrolled(), onMorning())
                .when(assign(MORNING, EIGHT, TWELVE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aShiftLeftFreesItsTime() {
        fixture.given(enrolled(), onMorning(), new VolunteerUnassignedFromShift(V, MORNING, null, "op-1", NOW))
                .when(assign(NOON, EIGHT, TWELVE))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void checkInNeedsTheShift() {
        fixture.given(enrolled())
                .when(new VolunteerCommands.CheckIn(V, MORNING, null, "op-1"))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(containsString("not on shift"));
    }

    @Test
    void checkInRecordsTheTimeAndTheName() {
        clock.set(EIGHT.plusSeconds(1200));
        fixture.given(enrolled(), onMorning())
                .when(new VolunteerCommands.CheckIn(V, MORNING, EIGHT.plusSeconds(900), "op-2"))
                .expectEvents(new ShiftCheckedIn(MORNING, NORTH_GATE, V, "老兵张", EIGHT.plusSeconds(900), "op-2"));
    }

    @Test
    void checkInMoreThanAnHourEarlyIsRefused() {
        clock.set(EIGHT.minusSeconds(2 * 3600));
        fixture.given(enrolled(), onMorning())
                .when(new VolunteerCommands.CheckIn(V, MORNING, null, "op-1"))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(containsString("outside the shift"));
    }

    @Test
    void checkInAfterTheShiftIsRefused() {
        clock.set(TWELVE.plusSeconds(60));
        fixture.given(enrolled(), onMorning())
                .when(new VolunteerCommands.CheckIn(V, MORNING, null, "op-1"))
                .expectException(RuleViolationException.class);
    }

    @Test
    void aCheckInInTheFutureIsInvalid() {
        clock.set(EIGHT);
        fixture.given(enrolled(), onMorning())
                .when(new VolunteerCommands.CheckIn(V, MORNING, EIGHT.plusSeconds(3600), "op-1"))
                .expectException(InvalidInputException.class);
    }

    @Test
    void checkingInTwiceIsRefused() {
        clock.set(EIGHT.plusSeconds(600));
        fixture.given(enrolled(), onMorning(), new ShiftCheckedIn(MORNING, NORTH_GATE, V, "老兵张", EIGHT, "op-1"))
                .when(new VolunteerCommands.CheckIn(V, MORNING, null, "op-1"))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(containsString("checked in at"));
    }

    @Test
    void checkOutNeedsACheckIn() {
        clock.set(TWELVE);
        fixture.given(enrolled(), onMorning())
                .when(new VolunteerCommands.CheckOut(V, MORNING, null, "op-1"))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(containsString("has not checked in"));
    }

    @Test
    void checkOutIsNotBeforeCheckIn() {
        clock.set(TWELVE);
        fixture.given(enrolled(), onMorning(), new ShiftCheckedIn(MORNING, NORTH_GATE, V, "老兵张", EIGHT, "op-1"))
                .when(new VolunteerCommands.CheckOut(V, MORNING, EIGHT.minusSeconds(1), "op-1"))
                .expectException(InvalidInputException.class);
    }

    @Test
    void checkOutEndsDuty() {
        clock.set(TWELVE);
        fixture.given(enrolled(), onMorning(), new ShiftCheckedIn(MORNING, NORTH_GATE, V, "老兵张", EIGHT, "op-1"))
                .when(new VolunteerCommands.CheckOut(V, MORNING, null, "op-1"))
                .expectEvents(new ShiftCheckedOut(MORNING, NORTH_GATE, V, TWELVE, "op-1"));
    }

    @Test
    void aVolunteerOnDutyCannotBeTakenOffTheShift() {
        fixture.given(enrolled(), onMorning(), new ShiftCheckedIn(MORNING, NORTH_GATE, V, "老兵张", EIGHT, "op-1"))
                .when(new VolunteerCommands.UnassignFromShift(V, MORNING, "ill", "op-1"))
                .expectException(RuleViolationException.class);
    }
}
