package org.lianfang.volunteer.disinfection.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.lianfang.contracts.volunteer.DisinfectionRecorded;
import org.lianfang.volunteer.support.InvalidInputException;

/**
 * One disinfection round (消杀) of a building: doors, floors, lifts, handles. A round is written down
 * when it is done or soon after — not in the future, not more than a week late.
 */
@Aggregate
public class DisinfectionRound {

    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    static final Duration LATEST_RECORDING = Duration.ofDays(7);

    @AggregateIdentifier
    private String roundId;

    protected DisinfectionRound() {
    }

    @CommandHandler
    public DisinfectionRound(RecordDisinfectionCommand command, Clock clock) {
        Instant now = clock.instant();
        Instant at = command.performedAt() == null ? now : command.performedAt();
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidInputException("performedAt", "must not be in the future");
        }
        if (at.isBefore(now.minus(LATEST_RECORDING))) {
            throw new InvalidInputException("performedAt", "must be within the last 7 days");
        }
        apply(new DisinfectionRecorded(command.roundId(), command.communityId(), command.compoundId(),
                command.building(), command.areas(), command.volunteerIds(), at, command.recordedBy(), now));
    }

    @EventSourcingHandler
    void on(DisinfectionRecorded event) {
        roundId = event.roundId();
    }
}
