package org.lianfang.checkpoint.crossing.command;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.checkpoint.CrossingSubject;
import org.lianfang.contracts.checkpoint.Direction;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.ResidentIdNumber;

/**
 * A crossing as the tablet reported it, already checked for form (the web layer answers 400 for
 * anything malformed). Exactly one of {@code personId} and {@code residentIdNumber} is set for a
 * person; {@code plate} for a vehicle.
 */
public record CrossingInput(String checkpointId, String tabletId, long sequence, CrossingSubject subject,
                            String personId, ResidentIdNumber residentIdNumber, String name, String phone,
                            Origin origin, String comingFrom, String plate, List<String> occupantPersonIds,
                            Integer occupantCount, Direction direction, BigDecimal temperatureCelsius, String passId,
                            String operator, Instant occurredAt) {

    public CrossingInput {
        occupantPersonIds = occupantPersonIds == null ? List.of() : List.copyOf(occupantPersonIds);
    }
}
