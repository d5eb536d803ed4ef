package org.lianfang.checkpoint.checkpoints.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.contracts.checkpoint.ChangeExitPassRequirementCommand;
import org.lianfang.contracts.checkpoint.CheckpointClosed;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.checkpoint.CheckpointKind;
import org.lianfang.contracts.checkpoint.CheckpointOpened;
import org.lianfang.contracts.checkpoint.CheckpointRegistered;
import org.lianfang.contracts.checkpoint.CloseCheckpointCommand;
import org.lianfang.contracts.checkpoint.ExitPassRequirementChanged;
import org.lianfang.contracts.checkpoint.OpenCheckpointCommand;
import org.lianfang.contracts.checkpoint.RegisterCheckpointCommand;

/**
 * A checkpoint (卡点): a road junction or a compound gate, open or closed, and whether going out
 * there needs a pass. Crossings are deliberately not part of it: each is its own aggregate, so
 * thousands a day never queue on this one. A new checkpoint is closed until someone opens it.
 */
@Aggregate
public class Checkpoint {

    @AggregateIdentifier
    private CheckpointId checkpointId;
    private CheckpointKind kind;
    private boolean open;
    private boolean passRequired;

    protected Checkpoint() {
    }

    @CommandHandler
    public Checkpoint(RegisterCheckpointCommand command) {
        if (command.kind() == CheckpointKind.COMPOUND_GATE && command.compoundId() == null) {
            throw new RuleViolationException("gate-needs-a-compound", "A compound gate must name the compound it guards.");
        }
        if (command.passRequiredToGoOut() && command.compoundId() == null) {
            throw new RuleViolationException("pass-needs-a-compound",
                    "Only a checkpoint guarding a compound can require passes to go out.");
        }
        apply(new CheckpointRegistered(command.checkpointId(), command.communityId(), command.name().strip(),
                command.kind(), command.location(), command.compoundId(), command.registeredBy(),
                command.registeredAt()));
        if (command.passRequiredToGoOut()) {
            apply(new ExitPassRequirementChanged(command.checkpointId(), true, command.registeredBy(),
                    command.registeredAt()));
        }
    }

    /** Opening an open checkpoint changes nothing. */
    @CommandHandler
    void handle(OpenCheckpointCommand command) {
        if (!open) {
            apply(new CheckpointOpened(checkpointId, command.openedBy(), command.openedAt()));
        }
    }

    /** Closing a closed checkpoint changes nothing. */
    @CommandHandler
    void handle(CloseCheckpointCommand command) {
        if (open) {
            apply(new CheckpointClosed(checkpointId, command.reason(), command.closedBy(), command.closedAt()));
        }
    }

    @CommandHandler
    void handle(ChangeExitPassRequirementCommand command) {
        if (command.passRequired() && kind == CheckpointKind.ROAD_JUNCTION) {
            throw new RuleViolationException("pass-needs-a-compound",
                    "Only a checkpoint guarding a compound can require passes to go out.");
        }
        if (command.passRequired() != passRequired) {
            apply(new ExitPassRequirementChanged(checkpointId, command.passRequired(), command.changedBy(),
                    command.changedAt()));
        }
    }

    @EventSourcingHandler
    void on(CheckpointRegistered event) {
        checkpointId = event.checkpointId();
        kind = event.kind();
    }

    @EventSourcingHandler
    void on(CheckpointOpened event) {
        open = true;
    }

    @EventSourcingHandler
    void on(CheckpointClosed event) {
        open = false;
    }

    @EventSourcingHandler
    void on(ExitPassRequirementChanged event) {
        passRequired = event.passRequired();
    }
}
