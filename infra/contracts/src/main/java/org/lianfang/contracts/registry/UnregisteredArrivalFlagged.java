package org.lianfang.contracts.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.checkpoint.UnregisteredArrivalDetected;
import org.lianfang.contracts.privacy.LinksSubjects;

/**
 * A checkpoint found the person arriving without having been reported (设卡发现): red until the
 * community reaches or verifies them.
 *
 * @param sourceEventId the id of checkpoint-service's {@code UnregisteredArrivalDetected}
 *
 * <p>Links the arrival's own data subject ({@link UnregisteredArrivalDetected#subjectOf}): erasing the
 * person also shreds what the gate recorded before the registry knew them.
 */
public record UnregisteredArrivalFlagged(
        PersonId personId,
        String crossingId,
        String checkpointId,
        String reason,
        String comingFrom,
        LocalDate arrivalDate,
        String sourceEventId,
        Instant occurredAt) implements PersonScoped, LinksSubjects {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }

    @Override
    public List<String> linkedSubjects() {
        return crossingId == null ? List.of() : List.of(UnregisteredArrivalDetected.subjectOf(crossingId));
    }
}
