package org.lianfang.contracts.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

/**
 * Flag a person as found at a checkpoint without having been reported; sent by the registry's
 * reaction to {@code UnregisteredArrivalDetected}. The same crossing twice changes nothing.
 */
public record FlagUnregisteredArrivalCommand(
        @TargetAggregateIdentifier PersonId personId,
        String crossingId,
        String checkpointId,
        String reason,
        String comingFrom,
        LocalDate arrivalDate,
        String sourceEventId,
        Instant occurredAt) implements PersonScoped {

    public FlagUnregisteredArrivalCommand {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(crossingId, "crossingId");
        Objects.requireNonNull(sourceEventId, "sourceEventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
