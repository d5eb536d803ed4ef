package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

/**
 * Record that the person left the community for {@code destination}.
 */
public record RecordDepartureCommand(
        @TargetAggregateIdentifier PersonId personId,
        String destination,
        String recordedBy,
        Instant departedAt) implements PersonScoped {

    public RecordDepartureCommand {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(recordedBy, "recordedBy");
        Objects.requireNonNull(departedAt, "departedAt");
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
