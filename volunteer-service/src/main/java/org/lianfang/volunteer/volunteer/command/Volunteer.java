package org.lianfang.volunteer.volunteer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.contracts.volunteer.ShiftCheckedIn;
import org.lianfang.contracts.volunteer.ShiftCheckedOut;
import org.lianfang.contracts.volunteer.ShiftId;
import org.lianfang.contracts.volunteer.VolunteerAssignedToShift;
import org.lianfang.contracts.volunteer.VolunteerEnrolled;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.contracts.volunteer.VolunteerUnassignedFromShift;
import org.lianfang.volunteer.support.InvalidInputException;

/**
 * A volunteer (志愿者) and the shifts they hold. Assignments live in the volunteer's own stream, so
 * the no-overlap rule is decided on one aggregate: two concurrent assignments of the same volunteer
 * are serialised by the aggregate lock and, across instances, by the event store's unique
 * (aggregate, sequence) key — one of them fails and is retried against the new state or refused.
 */
@Aggregate
public class Volunteer {

    public static final String NOT_ON_SHIFT = "not-on-shift";
    public static final String ALREADY_CHECKED_IN = "already-checked-in";
    public static final String NOT_CHECKED_IN = "not-checked-in";
    public static final String ALREADY_CHECKED_OUT = "already-checked-out";
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    @AggregateIdentifier
    private VolunteerId volunteerId;
    private String name;
    private final Map<ShiftId, Commitment> shifts = new LinkedHashMap<>();

    protected Volunteer() {
    }

    @CommandHandler
    public Volunteer(VolunteerCommands.Enroll command, Clock clock) {
        apply(new VolunteerEnrolled(command.volunteerId(), command.communityId(), command.name(), command.phone(),
                command.kind(), command.skills(), command.pledgeLetter(), command.enrolledBy(), clock.instant()));
    }

    @CommandHandler
    void handle(VolunteerCommands.AssignToShift command, Clock clock) {
        if (shifts.containsKey(command.shiftId())) {
            return;
        }
        ShiftOverlapPolicy.conflict(shifts.values(), command.startsAt(), command.endsAt()).ifPresent(held -> {
            throw new RuleViolationException(ShiftOverlapPolicy.RULE, "Volunteer " + volunteerId
                    + " already holds shift " + held.shiftId() + " from " + held.startsAt() + " to " + held.endsAt()
                    + ", which overlaps this one.");
        });
        apply(new VolunteerAssignedToShift(volunteerId, command.shiftId(), command.checkpointId(), command.startsAt(),
                command.endsAt(), command.assignedBy(), clock.instant()));
    }

    @CommandHandler
    void handle(VolunteerCommands.UnassignFromShift command, Clock clock) {
        Commitment held = held(command.shiftId());
        if (held.checkedInAt() != null) {
            throw new RuleViolationException(ALREADY_CHECKED_IN, "Volunteer " + volunteerId
                    + " has checked in on this shift; check them out instead.");
        }
        apply(new VolunteerUnassignedFromShift(volunteerId, command.shiftId(), command.reason(),
                command.unassignedBy(), clock.instant()));
    }

    @CommandHandler
    void handle(VolunteerCommands.CheckIn command, Clock clock) {
        Commitment held = held(command.shiftId());
        Instant at = at(command.at(), clock);
        if (held.checkedInAt() != null) {
            throw new RuleViolationException(ALREADY_CHECKED_IN, "Volunteer " + volunteerId + " checked in at "
                    + held.checkedInAt() + ".");
        }
        String refusal = AttendancePolicy.refusal(held.startsAt(), held.endsAt(), at);
        if (refusal != null) {
            throw new RuleViolationException(refusal, "A check-in at " + at + " is outside the shift from "
                    + held.startsAt() + " to " + held.endsAt() + " (check-in opens "
                    + AttendancePolicy.EARLIEST.toMinutes() + " minutes before the start).");
        }
        apply(new ShiftCheckedIn(command.shiftId(), held.checkpointId(), volunteerId, name, at, command.recordedBy()));
    }

    @CommandHandler
    void handle(VolunteerCommands.CheckOut command, Clock clock) {
        Commitment held = held(command.shiftId());
        Instant at = at(command.at(), clock);
        if (held.checkedInAt() == null) {
            throw new RuleViolationException(NOT_CHECKED_IN, "Volunteer " + volunteerId
                    + " has not checked in on this shift.");
        }
        if (held.checkedOutAt() != null) {
            throw new RuleViolationException(ALREADY_CHECKED_OUT, "Volunteer " + volunteerId + " checked out at "
                    + held.checkedOutAt() + ".");
        }
        if (at.isBefore(held.checkedInAt())) {
            throw new InvalidInputException("at", "must not be before the check-in at " + held.checkedInAt());
        }
        apply(new ShiftCheckedOut(command.shiftId(), held.checkpointId(), volunteerId, at, command.recordedBy()));
    }

    private Commitment held(ShiftId shiftId) {
        Commitment held = shifts.get(shiftId);
        if (held == null) {
            throw new RuleViolationException(NOT_ON_SHIFT, "Volunteer " + volunteerId + " is not on shift "
                    + shiftId + ".");
        }
        return held;
    }

    private static Instant at(Instant requested, Clock clock) {
        Instant now = clock.instant();
        if (requested == null) {
            return now;
        }
        if (requested.isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidInputException("at", "must not be in the future");
        }
        return requested;
    }

    @EventSourcingHandler
    void on(VolunteerEnrolled event) {
        volunteerId = event.volunteerId();
        name = event.name();
    }

    @EventSourcingHandler
    void on(VolunteerAssignedToShift event) {
        shifts.put(event.shiftId(), new Commitment(event.shiftId(), event.checkpointId(), event.startsAt(),
                event.endsAt(), null, null));
    }

    @EventSourcingHandler
    void on(VolunteerUnassignedFromShift event) {
        shifts.remove(event.shiftId());
    }

    @EventSourcingHandler
    void on(ShiftCheckedIn event) {
        shifts.computeIfPresent(event.shiftId(), (id, c) -> c.checkedIn(event.checkedInAt()));
    }

    @EventSourcingHandler
    void on(ShiftCheckedOut event) {
        shifts.computeIfPresent(event.shiftId(), (id, c) -> c.checkedOut(event.checkedOutAt()));
    }
}
