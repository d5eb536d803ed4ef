package org.lianfang.registry.compound.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.EnumMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.contracts.registry.AssignGridRoleCommand;
import org.lianfang.contracts.registry.CompoundRegistered;
import org.lianfang.contracts.registry.GridRole;
import org.lianfang.contracts.registry.GridRoleAssigned;
import org.lianfang.contracts.registry.GridRoleRemoved;
import org.lianfang.contracts.registry.RegisterCompoundCommand;
import org.lianfang.contracts.registry.RemoveGridRoleCommand;

/**
 * A residential compound (小区) and its grid's 一长三员. The rule it guards: once a compound had a
 * grid leader it is never left without one; the leader can be replaced, not removed.
 */
@Aggregate
public class Compound {

    @AggregateIdentifier
    private String compoundId;
    private final Map<GridRole, String> roles = new EnumMap<>(GridRole.class);

    protected Compound() {
    }

    @CommandHandler
    public Compound(RegisterCompoundCommand command) {
        apply(new CompoundRegistered(command.compoundId(), command.name().strip(), command.community().strip(),
                command.registeredBy(), command.registeredAt()));
    }

    /** Assigns the role; assigning it to whoever already holds it changes nothing. */
    @CommandHandler
    void handle(AssignGridRoleCommand command) {
        String staffMember = command.staffMember().strip();
        String previous = roles.get(command.role());
        if (staffMember.equals(previous)) {
            return;
        }
        apply(new GridRoleAssigned(compoundId, command.role(), staffMember, previous, command.assignedBy(),
                command.assignedAt()));
    }

    @CommandHandler
    void handle(RemoveGridRoleCommand command) {
        String holder = roles.get(command.role());
        if (holder == null) {
            throw new RuleViolationException("grid-role-not-assigned",
                    "Nobody holds the role " + command.role() + " in this compound.");
        }
        if (command.role() == GridRole.GRID_LEADER) {
            throw new RuleViolationException("compound-needs-grid-leader",
                    "A compound that had a grid leader may not be left without one; assign a new leader instead.");
        }
        apply(new GridRoleRemoved(compoundId, command.role(), holder, command.removedBy(), command.removedAt()));
    }

    @EventSourcingHandler
    void on(CompoundRegistered event) {
        compoundId = event.compoundId();
    }

    @EventSourcingHandler
    void on(GridRoleAssigned event) {
        roles.put(event.role(), event.staffMember());
    }

    @EventSourcingHandler
    void on(GridRoleRemoved event) {
        roles.remove(event.role());
    }
}
