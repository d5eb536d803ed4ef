package org.lianfang.registry.audit.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.lianfang.contracts.registry.PersonDataRead;
import org.lianfang.contracts.registry.RecordPersonDataReadCommand;

/**
 * One recorded read of a person's data. Each read is its own one-event aggregate, not an event of
 * the {@code Person}: reads never contend with the person's writes and never grow the stream the
 * colour is decided from, yet they name the person and so stand in the person's trail.
 */
@Aggregate
public class RecordedRead {

    @AggregateIdentifier
    private String readId;

    protected RecordedRead() {
    }

    @CommandHandler
    public RecordedRead(RecordPersonDataReadCommand command) {
        apply(new PersonDataRead(command.personId(), command.readId(), command.what(), command.reason(),
                command.readBy(), command.readerRole(), command.readerCommunity(), command.correlationId(),
                command.readAt()));
    }

    @EventSourcingHandler
    void on(PersonDataRead event) {
        readId = event.readId();
    }
}
