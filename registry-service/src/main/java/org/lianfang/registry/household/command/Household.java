package org.lianfang.registry.household.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.lianfang.contracts.registry.AddHouseholdMemberCommand;
import org.lianfang.contracts.registry.HouseholdMemberAdded;
import org.lianfang.contracts.registry.HouseholdRegistered;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.RegisterHouseholdCommand;

/** A household (户) at one address and the people who belong to it. */
@Aggregate
public class Household {

    @AggregateIdentifier
    private String householdId;
    private final Set<PersonId> members = new HashSet<>();

    protected Household() {
    }

    @CommandHandler
    public Household(RegisterHouseholdCommand command) {
        apply(new HouseholdRegistered(command.householdId(), command.compoundId(), command.building().strip(),
                command.unit() == null || command.unit().isBlank() ? null : command.unit().strip(),
                command.room().strip(), command.registeredBy(), command.registeredAt()));
    }

    /** Adds the person; adding a member again changes nothing. */
    @CommandHandler
    void handle(AddHouseholdMemberCommand command) {
        if (members.contains(command.personId())) {
            return;
        }
        apply(new HouseholdMemberAdded(householdId, command.personId(), command.addedBy(), command.addedAt()));
    }

    @EventSourcingHandler
    void on(HouseholdRegistered event) {
        householdId = event.householdId();
    }

    @EventSourcingHandler
    void on(HouseholdMemberAdded event) {
        members.add(event.personId());
    }
}
