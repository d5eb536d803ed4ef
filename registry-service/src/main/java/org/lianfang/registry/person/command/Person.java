package org.lianfang.registry.person.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RegisterPersonCommand;

/**
 * A person known to the community. Registration is its birth; verification, departure and colour
 * changes will follow as further commands on the same aggregate.
 */
@Aggregate(snapshotTriggerDefinition = "personSnapshotTrigger")
public class Person {

    @AggregateIdentifier
    private PersonId personId;

    protected Person() {
    }

    @CommandHandler
    public Person(RegisterPersonCommand command) {
        apply(new PersonRegistered(command.personId(), command.name().strip(), command.residentIdNumber(),
                command.phone(), command.origin(), command.arrivalDate(), command.compound(), command.address(),
                command.transport(), command.source(), command.registeredAt()));
    }

    @EventSourcingHandler
    void on(PersonRegistered event) {
        personId = event.personId();
    }
}
