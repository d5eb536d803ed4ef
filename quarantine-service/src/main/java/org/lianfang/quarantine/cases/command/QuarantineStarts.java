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
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.lianfang.contracts.quarantine.StartQuarantineCommand;
import org.springframework.stereotype.Service;

/**
 * Starts a person's quarantine at most once per arrival: a second start, a redelivered registry
 * event or a replay get the person's case back, active or ended. Only a later arrival date opens a
 * new case after one has ended, so replaying old registrations never re-quarantines anyone. A claim
 * whose case never came to exist (the process died in between) is completed under the claimed id
 * by whoever finds it.
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
            Existing existing = existing(caseId);
            switch (existing.state()) {
                case ACTIVE -> {
                    return new Outcome(caseId, false);
                }
                case ENDED -> {
                    if (!arrivalDate.isAfter(existing.arrivalDate())) {
                        return new Outcome(caseId, false);
                    }
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

    private record Existing(CaseState state, LocalDate arrivalDate) {
    }

    private Existing existing(QuarantineCaseId caseId) {
        if (eventStore.lastSequenceNumberFor(caseId.value()).isEmpty()) {
            return new Existing(CaseState.MISSING, null);
        }
        LocalDate arrival = null;
        boolean ended = false;
        for (Object payload : eventStore.readEvents(caseId.value()).asStream().map(e -> e.getPayload()).toList()) {
            if (payload instanceof QuarantineStarted started) {
                arrival = started.arrivalDate();
            }
            ended |= payload instanceof QuarantineCompleted || payload instanceof QuarantineReleasedEarly;
        }
        return new Existing(ended ? CaseState.ENDED : CaseState.ACTIVE, arrival);
    }
}
