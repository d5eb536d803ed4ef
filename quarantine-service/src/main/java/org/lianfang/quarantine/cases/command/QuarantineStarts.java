package org.lianfang.quarantine.cases.command;

import java.time.Clock;
import java.time.Instant;
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
 * Starts a person's quarantine, one active case per person: a second start while a case is active
 * gets that case back; after a case has ended, {@link RestartPolicy} decides. A claim whose case
 * never came to exist (the process died in between) is completed under the claimed id by whoever
 * finds it.
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

    /** A start by hand. */
    public Outcome start(String personId, QuarantineKind kind, LocalDate arrivalDate, String reason,
                         String startedBy, String communityId, String compoundId) {
        return start(personId, kind, arrivalDate, reason, startedBy, communityId, compoundId, null);
    }

    /** A start caused by another service's event that happened at {@code triggeredAt}. */
    public Outcome startAutomatically(String personId, QuarantineKind kind, LocalDate arrivalDate, String reason,
                                      String startedBy, String communityId, String compoundId, Instant triggeredAt) {
        return start(personId, kind, arrivalDate, reason, startedBy, communityId, compoundId,
                java.util.Objects.requireNonNull(triggeredAt, "triggeredAt"));
    }

    private Outcome start(String personId, QuarantineKind kind, LocalDate arrivalDate, String reason,
                          String startedBy, String communityId, String compoundId, Instant triggeredAt) {
        QuarantineClaims.Claim claim = claims.claim(personId, QuarantineCaseId.random(), clock.instant());
        QuarantineCaseId caseId = claim.caseId();
        if (!claim.fresh()) {
            Existing existing = existing(caseId);
            switch (existing.state()) {
                case ACTIVE -> {
                    return new Outcome(caseId, false);
                }
                case ENDED -> {
                    if (!RestartPolicy.opensNewCase(triggeredAt, existing.endedAt())) {
                        return new Outcome(caseId, false);
                    }
                    QuarantineCaseId next = QuarantineCaseId.random();
                    if (!claims.handOver(personId, caseId, next, clock.instant())) {
                        return start(personId, kind, arrivalDate, reason, startedBy, communityId, compoundId, triggeredAt);
                    }
                    caseId = next;
                }
                case MISSING -> {
                    // an orphaned claim: complete it under the claimed id
                }
            }
        }
        try {
            commands.sendAndWait(new StartQuarantineCommand(caseId, personId, kind, arrivalDate, reason, startedBy,
                    communityId, compoundId));
            return new Outcome(caseId, true);
        } catch (AggregateStreamCreationException | ConcurrencyException alreadyThere) {
            return new Outcome(caseId, false);
        }
    }

    private enum CaseState { MISSING, ACTIVE, ENDED }

    private record Existing(CaseState state, Instant endedAt) {
    }

    private Existing existing(QuarantineCaseId caseId) {
        if (eventStore.lastSequenceNumberFor(caseId.value()).isEmpty()) {
            return new Existing(CaseState.MISSING, null);
        }
        Instant endedAt = null;
        for (Object payload : eventStore.readEvents(caseId.value()).asStream().map(e -> e.getPayload()).toList()) {
            if (payload instanceof QuarantineCompleted completed) {
                endedAt = completed.completedAt();
            } else if (payload instanceof QuarantineReleasedEarly released) {
                endedAt = released.releasedAt();
            }
        }
        return new Existing(endedAt != null ? CaseState.ENDED : CaseState.ACTIVE, endedAt);
    }
}
