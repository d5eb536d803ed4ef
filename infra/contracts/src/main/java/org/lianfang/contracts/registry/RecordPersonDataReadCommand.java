package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

/** Record that a person's data was read; see {@link PersonDataRead}. */
public record RecordPersonDataReadCommand(
        @TargetAggregateIdentifier String readId,
        PersonId personId,
        String what,
        String reason,
        String readBy,
        String readerRole,
        String readerCommunity,
        String correlationId,
        Instant readAt) implements PersonScoped {

    public RecordPersonDataReadCommand {
        Objects.requireNonNull(readId, "readId");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(readBy, "readBy");
        Objects.requireNonNull(readerRole, "readerRole");
        Objects.requireNonNull(readAt, "readAt");
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
