package org.lianfang.registry.person.reaction;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.lianfang.contracts.quarantine.QuarantineCompleted;
import org.lianfang.contracts.quarantine.QuarantineReleasedEarly;
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.lianfang.contracts.registry.NoteQuarantineEndedCommand;
import org.lianfang.contracts.registry.NoteQuarantineStartedCommand;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.QuarantineEnding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes quarantine-service's case starts and ends into the persons they concern, so the colour
 * follows: a running case makes a person the community is in contact with blue, and when it ends
 * the rules decide again. It tracks quarantine's event store (read-only) with its own token; the
 * person notes each case start and end once, so a replay or a redelivery changes nothing twice.
 */
@Component
@ProcessingGroup(QuarantineReactions.PROCESSING_GROUP)
public class QuarantineReactions {

    public static final String PROCESSING_GROUP = "quarantine-reactions";

    private static final Logger log = LoggerFactory.getLogger(QuarantineReactions.class);

    private final CommandGateway commands;
    private final ReactionMetrics metrics;

    public QuarantineReactions(CommandGateway commands, MeterRegistry meters) {
        this.commands = commands;
        this.metrics = new ReactionMetrics(meters, "quarantine");
    }

    @EventHandler
    void on(QuarantineStarted event, EventMessage<?> message) {
        send(event.personId(), new NoteQuarantineStartedCommand(PersonId.of(event.personId()),
                event.caseId().value(), event.kind(), event.endsAt(), message.getIdentifier(), event.startedAt()));
    }

    @EventHandler
    void on(QuarantineCompleted event, EventMessage<?> message) {
        send(event.personId(), new NoteQuarantineEndedCommand(PersonId.of(event.personId()), event.caseId().value(),
                QuarantineEnding.COMPLETED, "the period was served", message.getIdentifier(), event.completedAt()));
    }

    @EventHandler
    void on(QuarantineReleasedEarly event, EventMessage<?> message) {
        send(event.personId(), new NoteQuarantineEndedCommand(PersonId.of(event.personId()), event.caseId().value(),
                QuarantineEnding.RELEASED_EARLY, event.reason(), message.getIdentifier(), event.releasedAt()));
    }

    private void send(String personId, Object command) {
        try {
            commands.sendAndWait(command);
            metrics.handled();
        } catch (AggregateNotFoundException e) {
            log.warn("Quarantine-service names person {}, unknown to the registry; skipped", personId);
            metrics.unknownPerson();
        }
    }
}
