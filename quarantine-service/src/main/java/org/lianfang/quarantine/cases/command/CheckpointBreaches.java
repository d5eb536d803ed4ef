package org.lianfang.quarantine.cases.command;

import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.lianfang.contracts.checkpoint.QuarantineBreachAttempted;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.RecordBreachAttemptCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts breach attempts reported by checkpoint-service on the case. It tracks the checkpoint's event
 * store (read-only) with its own token. The case named by the checkpoint is used; if the checkpoint
 * knew none (or one this service does not have), the person's current case is. The case records
 * each crossing once, so a redelivery or a replay adds nothing.
 */
@Component
@ProcessingGroup(CheckpointBreaches.PROCESSING_GROUP)
public class CheckpointBreaches {

    public static final String PROCESSING_GROUP = "checkpoint-breaches";

    private static final Logger log = LoggerFactory.getLogger(CheckpointBreaches.class);

    private final CommandGateway commands;
    private final QuarantineClaims claims;

    public CheckpointBreaches(CommandGateway commands, QuarantineClaims claims) {
        this.commands = commands;
        this.claims = claims;
    }

    @EventHandler
    void on(QuarantineBreachAttempted event) {
        if (event.caseId() != null && !event.caseId().isBlank() && record(event.caseId(), event)) {
            return;
        }
        Optional<QuarantineCaseId> current = claims.caseOf(event.personId());
        if (current.isEmpty() || !record(current.get().value(), event)) {
            log.warn("Breach attempt {} names no quarantine case of person {}; not recorded", event.crossingId(),
                    event.personId());
        }
    }

    private boolean record(String caseId, QuarantineBreachAttempted event) {
        try {
            commands.sendAndWait(new RecordBreachAttemptCommand(QuarantineCaseId.of(caseId), event.crossingId(),
                    event.checkpointId() == null ? null : event.checkpointId().value(), event.rule(),
                    event.operator(), event.occurredAt(), event.recordedAt()));
            return true;
        } catch (AggregateNotFoundException unknown) {
            return false;
        }
    }
}
