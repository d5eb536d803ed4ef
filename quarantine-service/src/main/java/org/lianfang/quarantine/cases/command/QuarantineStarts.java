package org.lianfang.quarantine.cases.command;

import java.time.Clock;
import java.time.LocalDate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.QuarantineCompleted;
import org.lianfang.contracts.quarantine.QuarantineKind;
import org.lianfang.contracts.quarantine.QuarantineReleasedEarly;
import org.lianfang.contracts.quarantine.StartQuarantineCommand;
import org.springframework.stereotype.Service;

/**
 * Starts a person's quarantine at most once while a case is active: a second start, a redelivered
 * registry event or a replay all get the active case back. A claim whose case never came to exist
 * (the process died in between) is completed under the claimed id by whoever finds it.
 */
@Service
public class QuarantineStarts {

    private final QuarantineClaims claims;
    private final CommandGateway commands;
    private final EventStore eventStore;
    private final Clock clock;

    public QuarantineStarts(QuarantineClaims claims, CommandGateway commands, EventStore eventStore, Clock clock) {
        this.claims = claims;
        this.commands = commands;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    /** The case the person is in, and whether this call started it. */
    public record Outcome(QuarantineCaseId caseId, boolean started) {
    }

    public Outcome start(String personId, QuarantineKind kind, LocalDate arrivalDate, String reason,
                         String startedBy) {
        QuarantineClaims.Claim claim = claims.claim(personId, QuarantineCaseId.random(), clock.instant());
        QuarantineCaseId caseId = claim.caseId();
        if (!claim.fresh()) {
            switch (stateOf(caseId)) {
                case ACTIVE -> {
                    return new Outcome(caseId, false);
                }
                case ENDED -> {
                    QuarantineCaseId next = QuarantineCaseId.random();
                    if (!claims.handOver(personId, caseId, next, clock.instant())) {
                        return start(personId, kind, arrivalDate, reason, startedBy);
                    }
                    caseId = next;
                }
                case MISSING -> {
                    // an orphaned claim: complete it under the claimed id
                }
            }
        }
        try {
            commands.sendAndWait(new StartQuarantineCommand(caseId, personId, kind, arrivalDate, reason, startedBy));
            return new Outcome(caseId, true);
        } catch (AggregateStreamCreationException | ConcurrencyException alreadyThere) {
            return new Outcome(caseId, false);
        }
    }

    private enum CaseState { MISSING, ACTIVE, ENDED }

    private CaseState stateOf(QuarantineCaseId caseId) {
        if (eventStore.lastSequenceNumberFor(caseId.value()).isEmpty()) {
            return CaseState.MISSING;
        }
        boolean ended = eventStore.readEvents(caseId.value()).asStream().anyMatch(event ->
                event.getPayload() instanceof QuarantineCompleted
                        || event.getPayload() instanceof QuarantineReleasedEarly);
        return ended ? CaseState.ENDED : CaseState.ACTIVE;
    }
}
