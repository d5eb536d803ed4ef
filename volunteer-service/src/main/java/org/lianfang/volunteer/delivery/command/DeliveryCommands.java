package org.lianfang.volunteer.delivery.command;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.volunteer.DeliveryOrderId;
import org.lianfang.contracts.volunteer.DeliveryStage;
import org.lianfang.contracts.volunteer.PartnerKind;
import org.lianfang.contracts.volunteer.VolunteerId;

/** The commands a delivery order handles. */
public final class DeliveryCommands {

    private DeliveryCommands() {
    }

    /**
     * Place an order.
     *
     * @param requestedContactFree what the household asked for; null = the default (contact-free)
     * @param householdQuarantined whether someone of the household is in quarantine now
     */
    public record Place(@TargetAggregateIdentifier DeliveryOrderId orderId, String communityId, String compoundId,
                        String householdId, String address, List<String> personIds, List<String> items,
                        String partner, PartnerKind partnerKind, String notes, String supplyRequestId,
                        Boolean requestedContactFree, boolean householdQuarantined, String orderedBy) {
    }

    /**
     * Take the order to {@code stage}.
     *
     * @param volunteerId          who does it: required to accept; for later stages, if given, must be the
     *                             volunteer who accepted
     * @param reason               why, for a cancellation
     * @param householdQuarantined whether the household is in quarantine now: the goods are then left
     *                             without contact even if the order did not ask for it
     */
    public record Advance(@TargetAggregateIdentifier DeliveryOrderId orderId, DeliveryStage stage,
                          VolunteerId volunteerId, String reason, boolean householdQuarantined, String recordedBy) {
    }
}
