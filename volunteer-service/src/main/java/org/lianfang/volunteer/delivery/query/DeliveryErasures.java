package org.lianfang.volunteer.delivery.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bson.conversions.Bson;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.lianfang.contracts.privacy.PersonErased;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.volunteer.support.SetIndex;
import org.springframework.stereotype.Component;

/**
 * Scrubs an erased person's delivery address and notes from the delivery documents, as the
 * {@code DeliveryOrdered} events read after erasure, while stages, steps and counts stay. Orders are
 * found by their data subject (the {@code subject|} sets of {@link DeliveryProjection}), keyed reads
 * only. An erasure at the registry reaches this handler in a registry-sourced group; one through this
 * service's own admin API reaches the delivery projection, which calls {@link #forget}. The projection
 * never writes these fields after an order was created ({@link DeliveryProjection#PERSONAL}), so a
 * scrub cannot be undone by a stale copy it saves; scrubbing twice changes nothing. An order whose
 * document did not exist yet when its subject was erased (its event read before the erasure, saved
 * after it) is caught by the erased subjects kept here ({@code _id} = subject): the erasure records
 * them before it looks for orders, the projection checks them after it indexed a new order.
 */
@Component
@ProcessingGroup(RegistryHouseholds.PROCESSING_GROUP)
public class DeliveryErasures {

    static final String ERASED_SUBJECTS = "volunteer_erased_subjects";

    private final MongoCollection<Document> deliveries;
    private final MongoCollection<Document> erasedSubjects;
    private final SetIndex index;

    public DeliveryErasures(MongoDatabase serviceDatabase) {
        this.deliveries = serviceDatabase.getCollection(DeliveryProjection.DELIVERIES);
        this.erasedSubjects = serviceDatabase.getCollection(ERASED_SUBJECTS);
        this.index = new SetIndex(serviceDatabase, DeliveryProjection.INDEX);
    }

    @EventHandler
    void on(PersonErased event) {
        forget(event.erasedSubjects());
    }

    /** Scrubs the address and notes of every order keyed by one of {@code subjects}. */
    public void forget(Collection<String> subjects) {
        for (String subject : subjects) {
            erasedSubjects.updateOne(Filters.eq("_id", subject), Updates.setOnInsert("erased", true),
                    new UpdateOptions().upsert(true));
        }
        for (String orderId : index.members(subjects.stream().map(DeliveryProjection::ofSubject).toList())) {
            scrub(orderId);
        }
    }

    /** Called by the projection once a new order is indexed: scrubs it if its subject was erased already. */
    void scrubIfErased(String subject, String orderId) {
        if (subject != null && erasedSubjects.find(Filters.eq("_id", subject)).first() != null) {
            scrub(orderId);
        }
    }

    private void scrub(String orderId) {
        Document doc = deliveries.find(Filters.eq("_id", orderId)).first();
        if (doc == null) {
            return;
        }
        List<Bson> erased = new ArrayList<>();
        for (String field : DeliveryProjection.PERSONAL) {
            if (blank(doc, field)) {
                erased.add(Updates.set(field, PersonalData.ERASED));
            }
        }
        if (!erased.isEmpty()) {
            deliveries.updateOne(Filters.eq("_id", orderId), Updates.combine(erased));
        }
    }

    private static boolean blank(Document doc, String field) {
        Object value = doc.get(field);
        return value != null && !PersonalData.ERASED.equals(value);
    }
}
