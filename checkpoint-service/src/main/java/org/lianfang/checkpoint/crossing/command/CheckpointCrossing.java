package org.lianfang.checkpoint.crossing.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.lianfang.contracts.checkpoint.ArrivalReport;
import org.lianfang.contracts.checkpoint.CrossingDenied;
import org.lianfang.contracts.checkpoint.CrossingDetails;
import org.lianfang.contracts.checkpoint.CrossingRecorded;
import org.lianfang.contracts.checkpoint.GateVerdict;
import org.lianfang.contracts.checkpoint.QuarantineBreachAttempted;
import org.lianfang.contracts.checkpoint.RecordCrossingCommand;
import org.lianfang.contracts.checkpoint.UnregisteredArrivalDetected;

/**
 * One crossing (出入登记) of a checkpoint: its own short stream, so recording it loads and locks
 * nothing shared, and its id (from the tablet and its sequence) makes a retried upload collide
 * with the first instead of creating a second crossing. It records the verdict the gate rules
 * reached and what other services must react to.
 */
@Aggregate
public class CheckpointCrossing {

    @AggregateIdentifier
    private String crossingId;

    protected CheckpointCrossing() {
    }

    @CommandHandler
    public CheckpointCrossing(RecordCrossingCommand command) {
        CrossingDetails details = command.details();
        GateVerdict verdict = command.verdict();
        if (verdict.allowed()) {
            apply(new CrossingRecorded(details, verdict.ruleVersion(), verdict.flags()));
        } else {
            apply(new CrossingDenied(details, verdict.rule(), verdict.reason(), verdict.ruleVersion(),
                    verdict.flags()));
        }
        if (!verdict.allowed() && command.breach() != null) {
            apply(new QuarantineBreachAttempted(details.crossingId(), details.checkpointId(), command.breach().personId(),
                    command.breach().caseId(), verdict.rule(), verdict.ruleVersion(), details.operator(),
                    details.occurredAt(), details.recordedAt()));
        }
        ArrivalReport arrival = command.arrival();
        if (arrival != null) {
            LocalDate arrivalDate = arrival.arrivalDate();
            apply(new UnregisteredArrivalDetected(details.crossingId(), details.checkpointId(),
                    details.communityId(), arrival.knownPersonId(), arrival.residentIdNumber(), arrival.name(),
                    arrival.phone(), arrival.origin(), arrival.comingFrom(), arrivalDate, arrival.reason(),
                    details.operator(), details.occurredAt(), details.recordedAt()));
        }
    }

    @EventSourcingHandler
    void on(CrossingRecorded event) {
        crossingId = event.crossing().crossingId();
    }

    @EventSourcingHandler
    void on(CrossingDenied event) {
        crossingId = event.crossing().crossingId();
    }
}
