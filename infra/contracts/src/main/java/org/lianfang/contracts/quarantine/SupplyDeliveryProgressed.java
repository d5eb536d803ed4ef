package org.lianfang.contracts.quarantine;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.volunteer.DeliveryStage;

/**
 * The delivery of a supply request reached a stage, on the case's timeline. Once per request and
 * stage.
 *
 * @param orderId     volunteer-service's delivery order
 * @param delivered   whether the goods are at the door (LEFT_AT_DOOR or CONFIRMED)
 * @param volunteerId who did this stage, or null
 * @param reason      for CANCELLED, why; else null
 * @param at          when the stage was reached
 */
public record SupplyDeliveryProgressed(
        QuarantineCaseId caseId,
        String personId,
        String requestId,
        String orderId,
        DeliveryStage stage,
        boolean delivered,
        String volunteerId,
        String reason,
        Instant at) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
