package org.lianfang.volunteer.delivery.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.lianfang.contracts.privacy.PersonErased;
import org.lianfang.contracts.volunteer.DeliveryAccepted;
import org.lianfang.contracts.volunteer.DeliveryCancelled;
import org.lianfang.contracts.volunteer.DeliveryConfirmed;
import org.lianfang.contracts.volunteer.DeliveryGoodsDisinfected;
import org.lianfang.contracts.volunteer.DeliveryLeftAtDoor;
import org.lianfang.contracts.volunteer.DeliveryOrdered;
import org.lianfang.contracts.volunteer.DeliveryPickedUp;
import org.lianfang.contracts.volunteer.DeliveryStage;
import org.lianfang.volunteer.config.VolunteerSettings;
import org.lianfang.volunteer.delivery.command.DeliveryLifecyclePolicy;
import org.lianfang.volunteer.support.Documents;
import org.lianfang.volunteer.support.SetIndex;
import org.springframework.stereotype.Component;

/**
 * Delivery orders by {@code _id}, and keyed sets derived from each order's state after every step:
 * the open orders of each compound, the orders of each volunteer, and per day (in the community's
 * zone) the orders placed, left at the door, confirmed and cancelled — in total and per volunteer.
 * Counts are sizes of sets of order ids, so a redelivered event is never counted twice.
 *
 * <p>The personal fields ({@link #PERSONAL}: address, notes) are written only when the document is
 * created ({@code $setOnInsert}); every later write {@code $set}s the other fields. {@link DeliveryErasures}
 * scrubs them from another processing group, so a copy read before a scrub and saved after it must
 * never bring them back.
 */
@Component
@ProcessingGroup(DeliveryProjection.PROCESSING_GROUP)
public class DeliveryProjection {

    public static final String PROCESSING_GROUP = "volunteer-deliveries";
    public static final String DELIVERIES = "volunteer_deliveries";
    static final String INDEX = "volunteer_delivery_index";
    static final String COUNTS = "volunteer_delivery_counts";
    /** The fields only an erasure changes after the order was created. */
    static final java.util.List<String> PERSONAL = java.util.List.of("address", "notes");

    private final MongoCollection<Document> deliveries;
    private final MongoCollection<Document> counts;
    private final SetIndex index;
    private final ZoneId zone;
    private final DeliveryErasures erasures;

    public DeliveryProjection(MongoDatabase serviceDatabase, VolunteerSettings settings, DeliveryErasures erasures) {
        this.erasures = erasures;
        this.deliveries = serviceDatabase.getCollection(DELIVERIES);
        this.counts = serviceDatabase.getCollection(COUNTS);
        this.index = new SetIndex(serviceDatabase, INDEX);
        this.zone = settings.zone();
    }

    static String open(String communityId, String compoundId) {
        return "open|" + communityId + "|" + (compoundId == null ? "-" : compoundId);
    }

    static String compounds(String communityId) {
        return "compounds|" + communityId;
    }

    static String ofVolunteer(String volunteerId) {
        return "volunteer|" + volunteerId;
    }

    /** The orders for a household: contact tracing asks "which volunteers came to this door". */
    static String ofHousehold(String householdId) {
        return "household|" + householdId;
    }

    /** The orders whose address and notes are keyed by a data subject (a person, or the order itself). */
    static String ofSubject(String subjectId) {
        return "subject|" + subjectId;
    }

    static String communityDay(String communityId, LocalDate day) {
        return "community|" + communityId + "|" + day;
    }

    static String volunteerDay(String volunteerId, LocalDate day) {
        return "volunteer|" + volunteerId + "|" + day;
    }

    /** A rebuild starts from nothing. */
    @ResetHandler
    void reset() {
        deliveries.deleteMany(new Document());
        counts.deleteMany(new Document());
        index.clear();
    }

    @EventHandler
    void on(DeliveryOrdered e, @SequenceNumber long sequence) {
        apply(e.orderId().value(), e, sequence);
    }

    /** An erasure through this service's own admin API (one at the registry reaches {@link DeliveryErasures}). */
    @EventHandler
    void on(PersonErased e) {
        erasures.forget(e.erasedSubjects());
    }

    @EventHandler
    void on(DeliveryAccepted e, @SequenceNumber long sequence) {
        apply(e.orderId().value(), e, sequence);
    }

    @EventHandler
    void on(DeliveryPickedUp e, @SequenceNumber long sequence) {
        apply(e.orderId().value(), e, sequence);
    }

    @EventHandler
    void on(DeliveryGoodsDisinfected e, @SequenceNumber long sequence) {
        apply(e.orderId().value(), e, sequence);
    }

    @EventHandler
    void on(DeliveryLeftAtDoor e, @SequenceNumber long sequence) {
        apply(e.orderId().value(), e, sequence);
    }

    @EventHandler
    void on(DeliveryConfirmed e, @SequenceNumber long sequence) {
        apply(e.orderId().value(), e, sequence);
    }

    @EventHandler
    void on(DeliveryCancelled e, @SequenceNumber long sequence) {
        apply(e.orderId().value(), e, sequence);
    }

    private void apply(String orderId, Object event, long sequence) {
        Document doc = Documents.byId(deliveries, orderId).orElseGet(() -> new Document("_id", orderId));
        if (DeliveryDocuments.apply(doc, event, sequence)) {
            save(doc);
        }
        if (doc.containsKey("communityId")) {
            derive(doc);
        }
        if (event instanceof DeliveryOrdered) {
            erasures.scrubIfErased(doc.getString("subjectId"), orderId);
        }
    }

    private void save(Document doc) {
        Document changed = new Document(doc);
        changed.remove("_id");
        Document personal = new Document();
        for (String field : PERSONAL) {
            if (changed.containsKey(field)) {
                personal.put(field, changed.remove(field));
            }
        }
        Document update = new Document("$set", changed);
        if (!personal.isEmpty()) {
            update.append("$setOnInsert", personal);
        }
        deliveries.updateOne(Filters.eq("_id", doc.get("_id")), update, new UpdateOptions().upsert(true));
    }

    /** Brings every keyed set in line with the order's current state: idempotent by construction. */
    private void derive(Document doc) {
        String id = doc.getString("_id");
        String community = doc.getString("communityId");
        DeliveryStage stage = DeliveryDocuments.stage(doc);
        index.add(compounds(community), doc.getString("compoundId") == null ? "-" : doc.getString("compoundId"));
        if (DeliveryLifecyclePolicy.open(stage)) {
            index.add(open(community, doc.getString("compoundId")), id);
        } else {
            index.remove(open(community, doc.getString("compoundId")), id);
        }
        count(communityDay(community, day(DeliveryDocuments.stepAt(doc, DeliveryStage.ORDERED))), "ordered", id);
        if (doc.getString("householdId") != null) {
            index.add(ofHousehold(doc.getString("householdId")), id);
        }
        if (doc.getString("subjectId") != null) {
            index.add(ofSubject(doc.getString("subjectId")), id);
        }
        String volunteer = doc.getString("volunteerId");
        if (volunteer != null) {
            index.add(ofVolunteer(volunteer), id);
            count(volunteerDay(volunteer, day(DeliveryDocuments.stepAt(doc, DeliveryStage.ACCEPTED))), "accepted", id);
        }
        Instant delivered = DeliveryDocuments.stepAt(doc, DeliveryStage.LEFT_AT_DOOR);
        if (delivered != null) {
            count(communityDay(community, day(delivered)), "delivered", id);
            count(volunteerDay(volunteer, day(delivered)), "delivered", id);
        }
        Instant confirmed = DeliveryDocuments.stepAt(doc, DeliveryStage.CONFIRMED);
        if (confirmed != null) {
            count(communityDay(community, day(confirmed)), "confirmed", id);
        }
        Instant cancelled = DeliveryDocuments.stepAt(doc, DeliveryStage.CANCELLED);
        if (cancelled != null) {
            count(communityDay(community, day(cancelled)), "cancelled", id);
        }
    }

    private LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    private void count(String key, String what, String orderId) {
        counts.updateOne(Filters.eq("_id", key), Updates.addToSet(what, orderId), new UpdateOptions().upsert(true));
    }
}
