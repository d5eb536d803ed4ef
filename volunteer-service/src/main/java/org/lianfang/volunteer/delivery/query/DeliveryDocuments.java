package org.lianfang.volunteer.delivery.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.lianfang.contracts.volunteer.DeliveryAccepted;
import org.lianfang.contracts.volunteer.DeliveryCancelled;
import org.lianfang.contracts.volunteer.DeliveryConfirmed;
import org.lianfang.contracts.volunteer.DeliveryGoodsDisinfected;
import org.lianfang.contracts.volunteer.DeliveryLeftAtDoor;
import org.lianfang.contracts.volunteer.DeliveryOrdered;
import org.lianfang.contracts.volunteer.DeliveryPickedUp;
import org.lianfang.contracts.volunteer.DeliveryStage;
import org.lianfang.contracts.volunteer.PartnerKind;
import org.lianfang.volunteer.support.Documents;

/**
 * The delivery document and how each event changes it; it remembers the sequence number of the last
 * event applied, so applying one again changes nothing. Used by the projection and to fold an order
 * from the event store.
 */
final class DeliveryDocuments {

    private DeliveryDocuments() {
    }

    /** Applies {@code event}; false if it was applied before or is not a delivery step. */
    static boolean apply(Document doc, Object event, long sequence) {
        if (!Documents.isNew(doc, sequence)) {
            return false;
        }
        if (event instanceof DeliveryOrdered e) {
            doc.append("_id", e.orderId().value()).append("communityId", e.communityId())
                    .append("compoundId", e.compoundId()).append("householdId", e.householdId())
                    .append("address", e.address()).append("personIds", e.personIds()).append("items", e.items())
                    .append("partner", e.partner())
                    .append("partnerKind", e.partnerKind() == null ? null : e.partnerKind().name())
                    .append("notes", e.notes()).append("supplyRequestId", e.supplyRequestId())
                    .append("contactFree", e.contactFree()).append("contactFreeWhy", e.contactFreeWhy())
                    .append("volunteerId", null).append("cancelReason", null)
                    .append("orderedBy", e.orderedBy()).append("orderedAt", e.orderedAt().toString())
                    .append("subjectId", e.subjectId())
                    .append("steps", new ArrayList<Document>());
            step(doc, DeliveryStage.ORDERED, e.orderedBy(), null, e.orderedAt());
        } else if (event instanceof DeliveryAccepted e) {
            doc.put("volunteerId", e.volunteerId().value());
            step(doc, DeliveryStage.ACCEPTED, e.recordedBy(), e.volunteerId().value(), e.at());
        } else if (event instanceof DeliveryPickedUp e) {
            step(doc, DeliveryStage.PICKED_UP, e.recordedBy(), e.volunteerId().value(), e.at());
        } else if (event instanceof DeliveryGoodsDisinfected e) {
            step(doc, DeliveryStage.DISINFECTED, e.recordedBy(), e.volunteerId().value(), e.at());
        } else if (event instanceof DeliveryLeftAtDoor e) {
            doc.put("contactFree", e.contactFree());
            step(doc, DeliveryStage.LEFT_AT_DOOR, e.recordedBy(), e.volunteerId().value(), e.at());
        } else if (event instanceof DeliveryConfirmed e) {
            step(doc, DeliveryStage.CONFIRMED, e.recordedBy(), null, e.at());
        } else if (event instanceof DeliveryCancelled e) {
            doc.put("cancelReason", e.reason());
            step(doc, DeliveryStage.CANCELLED, e.recordedBy(), null, e.at());
        } else {
            return false;
        }
        doc.put(Documents.VERSION, sequence);
        return true;
    }

    private static void step(Document doc, DeliveryStage stage, String by, String volunteerId, Instant at) {
        doc.put("stage", stage.name());
        doc.getList("steps", Document.class).add(new Document("stage", stage.name()).append("recordedBy", by)
                .append("volunteerId", volunteerId).append("at", at.toString()));
    }

    static DeliveryStage stage(Document doc) {
        return DeliveryStage.valueOf(doc.getString("stage"));
    }

    static Instant stepAt(Document doc, DeliveryStage stage) {
        return doc.getList("steps", Document.class, List.of()).stream()
                .filter(s -> stage.name().equals(s.getString("stage"))).findFirst()
                .map(s -> Documents.instant(s, "at")).orElse(null);
    }

    static DeliveryView view(Document d) {
        List<DeliveryView.Step> steps = d.getList("steps", Document.class, List.of()).stream()
                .map(s -> new DeliveryView.Step(DeliveryStage.valueOf(s.getString("stage")), s.getString("recordedBy"),
                        s.getString("volunteerId"), Documents.instant(s, "at"))).toList();
        return new DeliveryView(d.getString("_id"), d.getString("communityId"), d.getString("compoundId"),
                d.getString("householdId"), d.getString("address"), d.getList("personIds", String.class, List.of()),
                d.getList("items", String.class, List.of()), d.getString("partner"),
                d.getString("partnerKind") == null ? null : PartnerKind.valueOf(d.getString("partnerKind")),
                d.getString("notes"), d.getString("supplyRequestId"), d.getBoolean("contactFree", true),
                d.getString("contactFreeWhy"), stage(d), d.getString("volunteerId"), d.getString("cancelReason"),
                d.getString("orderedBy"), Documents.instant(d, "orderedAt"), steps);
    }
}
