package org.lianfang.contracts.volunteer;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.DataSubject;
import org.lianfang.contracts.privacy.PersonalData;

/**
 * A household ordered goods (点单), by the WeChat bot or as a quarantined household's supply request.
 *
 * @param supplyRequestId the quarantine supply request it came from, else null
 * @param personIds       registry persons of the household, as far as known (may be empty)
 * @param contactFree     whether it must be delivered without contact (敲门不见面)
 * @param contactFreeWhy  why it is contact-free (e.g. "household in quarantine"), else null
 * @param subjectId       whose key encrypts the address and notes: the first of {@code personIds} (for a
 *                        supply request, the quarantined person), else the order itself
 *                        ({@link #subjectOf} the order id, erasable on its own through the volunteer
 *                        service's admin API). Null in events stored before it existed (plain text):
 *                        derived the same way.
 */
public record DeliveryOrdered(
        DeliveryOrderId orderId,
        String communityId,
        String compoundId,
        String householdId,
        @PersonalData String address,
        List<String> personIds,
        List<String> items,
        String partner,
        PartnerKind partnerKind,
        @PersonalData String notes,
        String supplyRequestId,
        boolean contactFree,
        String contactFreeWhy,
        String orderedBy,
        Instant orderedAt,
        @DataSubject String subjectId) implements PersonScoped {

    /** The data subject of an order that names no registry person. */
    public static String subjectOf(DeliveryOrderId orderId) {
        return "delivery-order:" + orderId.value();
    }

    public DeliveryOrdered {
        personIds = personIds == null ? List.of() : List.copyOf(personIds);
        items = items == null ? List.of() : List.copyOf(items);
        if (subjectId == null || subjectId.isBlank()) {
            subjectId = !personIds.isEmpty() ? personIds.get(0) : orderId == null ? null : subjectOf(orderId);
        }
    }

    public DeliveryOrdered(DeliveryOrderId orderId, String communityId, String compoundId, String householdId,
            String address, List<String> personIds, List<String> items, String partner, PartnerKind partnerKind,
            String notes, String supplyRequestId, boolean contactFree, String contactFreeWhy, String orderedBy,
            Instant orderedAt) {
        this(orderId, communityId, compoundId, householdId, address, personIds, items, partner, partnerKind, notes,
                supplyRequestId, contactFree, contactFreeWhy, orderedBy, orderedAt, null);
    }
}
