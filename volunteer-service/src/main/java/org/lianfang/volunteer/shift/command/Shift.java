package org.lianfang.volunteer.shift.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.lianfang.contracts.volunteer.ShiftId;
import org.lianfang.contracts.volunteer.ShiftScheduled;
import org.lianfang.volunteer.support.InvalidInputException;

/**
 * A planned shift at a checkpoint. Who is on it is decided by each volunteer's own aggregate (see
 * {@code Volunteer}), so the no-overlap rule needs no lock across shifts.
 */
@Aggregate
public class Shift {

    @AggregateIdentifier
    private ShiftId shiftId;

    protected Shift() {
    }

    @CommandHandler
    public Shift(ScheduleShiftCommand command, Clock clock) {
        ShiftPlanPolicy.problem(command.startsAt(), command.endsAt(), command.requiredHeadcount(), clock.instant())
                .ifPresent(problem -> {
                    throw new InvalidInputException(problem.field(), problem.reason());
                });
        apply(new ShiftScheduled(command.shiftId(), command.checkpointId(), command.communityId(),
                command.compoundId(), command.startsAt(), command.endsAt(), command.requiredHeadcount(),
                command.scheduledBy(), clock.instant()));
    }

    @EventSourcingHandler
    void on(ShiftScheduled event) {
        shiftId = event.shiftId();
    }
}
