package org.lianfang.volunteer.delivery.query;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.volunteer.DeliveryStage;
import org.lianfang.contracts.volunteer.PartnerKind;

/**
 * A delivery order with its steps.
 *
 * @param contactFree    whether it is delivered without contact; {@code contactFreeWhy} says why
 * @param supplyRequestId the quarantine supply request it came from, else null
 */
public record DeliveryView(String id, String communityId, String compoundId, String householdId, String address,
                           List<String> personIds, List<String> items, String partner, PartnerKind partnerKind,
                           String notes, String supplyRequestId, boolean contactFree, String contactFreeWhy,
                           DeliveryStage stage, String volunteerId, String cancelReason, String orderedBy,
                           Instant orderedAt, List<Step> steps) {

    /** One step of the lifecycle: who recorded it, which volunteer did it, when. */
    public record Step(DeliveryStage stage, String recordedBy, String volunteerId, Instant at) {
    }
}
