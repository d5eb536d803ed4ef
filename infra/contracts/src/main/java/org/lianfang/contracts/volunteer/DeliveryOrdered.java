package org.lianfang.contracts.volunteer;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * A household ordered goods (点单), by the WeChat bot or as a quarantined household's supply request.
 *
 * @param supplyRequestId the quarantine supply request it came from, else null
 * @param personIds       registry persons of the household, as far as known (may be empty)
 * @param contactFree     whether it must be delivered without contact (敲门不见面)
 * @param contactFreeWhy  why it is contact-free (e.g. "household in quarantine"), else null
 */
public record DeliveryOrdered(
        DeliveryOrderId orderId,
        String communityId,
        String compoundId,
        String householdId,
        String address,
        List<String> personIds,
        List<String> items,
        String partner,
        PartnerKind partnerKind,
        String notes,
        String supplyRequestId,
        boolean contactFree,
        String contactFreeWhy,
        String orderedBy,
        Instant orderedAt) implements PersonScoped {

    public DeliveryOrdered {
        personIds = personIds == null ? List.of() : List.copyOf(personIds);
        items = items == null ? List.of() : List.copyOf(items);
    }
}
