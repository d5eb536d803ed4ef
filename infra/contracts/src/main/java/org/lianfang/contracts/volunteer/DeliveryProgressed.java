package org.lianfang.contracts.volunteer;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * A delivery reached a stage. Published alongside volunteer-service's own lifecycle events so that
 * other services follow a delivery without knowing them: quarantine-service shows a quarantined
 * household's supply request as delivered when it reaches {@link DeliveryStage#LEFT_AT_DOOR}.
 *
 * @param supplyRequestId the quarantine supply request this order came from, else null
 * @param personIds       the registry persons of the household concerned (may be empty)
 * @param contactFree     whether the delivery was (and had to be) contact-free
 * @param volunteerId     the volunteer who did this stage; null for ORDERED/CONFIRMED/CANCELLED
 *                        when no volunteer was involved
 * @param reason          for CANCELLED, why; else null
 */
public record DeliveryProgressed(
        DeliveryOrderId orderId,
        String supplyRequestId,
        String householdId,
        List<String> personIds,
        DeliveryStage stage,
        boolean contactFree,
        VolunteerId volunteerId,
        String reason,
        Instant at) implements PersonScoped {

    public DeliveryProgressed {
        personIds = personIds == null ? List.of() : List.copyOf(personIds);
    }
}
