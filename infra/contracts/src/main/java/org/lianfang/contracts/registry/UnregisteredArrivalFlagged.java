package org.lianfang.contracts.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * A checkpoint found the person arriving without having been reported (设卡发现): red until the
 * community reaches or verifies them.
 *
 * @param sourceEventId the id of checkpoint-service's {@code UnregisteredArrivalDetected}
 */
public record UnregisteredArrivalFlagged(
        PersonId personId,
        String crossingId,
        String checkpointId,
        String reason,
        String comingFrom,
        LocalDate arrivalDate,
        String sourceEventId,
        Instant occurredAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
