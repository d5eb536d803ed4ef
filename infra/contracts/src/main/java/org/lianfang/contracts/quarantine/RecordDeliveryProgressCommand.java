package org.lianfang.contracts.quarantine;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.volunteer.DeliveryStage;

/**
 * Tell a case how the delivery for one of its supply requests is going, as volunteer-service
 * reported it. Idempotent per request and stage.
 */
public record RecordDeliveryProgressCommand(
        @TargetAggregateIdentifier QuarantineCaseId caseId,
        String requestId,
        String orderId,
        DeliveryStage stage,
        String volunteerId,
        String reason,
        Instant at) {
}
