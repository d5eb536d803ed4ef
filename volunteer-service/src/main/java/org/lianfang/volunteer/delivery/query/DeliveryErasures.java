package org.lianfang.volunteer.delivery.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.Collection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.lianfang.contracts.privacy.PersonErased;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.volunteer.support.Documents;
import org.lianfang.volunteer.support.SetIndex;
import org.springframework.stereotype.Component;

/**
 * Scrubs an erased person's delivery address and notes from the delivery documents, as the
 * {@code DeliveryOrdered} events read after erasure, while stages, steps and counts stay. Orders are
 * found by their data subject (the {@code subject|} sets of {@link DeliveryProjection}), keyed reads
 * only. An erasure at the registry reaches this handler in a registry-sourced group; one through this
 * service's own admin API reaches the delivery projection, which calls {@link #forget}. The projection
 * writes the same documents, so each write is conditional on the version it read (retried), and
 * scrubbing twice changes nothing.
 */
@Component
@ProcessingGroup(RegistryHouseholds.PROCESSING_GROUP)
public class DeliveryErasures {

    private static final int ATTEMPTS = 10;

    private final MongoCollection<Document> deliveries;
    private final SetIndex index;

    public DeliveryErasures(MongoDatabase serviceDatabase) {
        this.deliveries = serviceDatabase.getCollection(DeliveryProjection.DELIVERIES);
        this.index = new SetIndex(serviceDatabase, DeliveryProjection.INDEX);
    }

    @EventHandler
    void on(PersonErased event) {
        forget(event.erasedSubjects());
    }

    /** Scrubs the address and notes of every order keyed by one of {@code subjects}. */
    public void forget(Collection<String> subjects) {
        for (String orderId : index.members(subjects.stream().map(DeliveryProjection::ofSubject).toList())) {
            scrub(orderId);
        }
    }

    private void scrub(String orderId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document doc = deliveries.find(Filters.eq("_id", orderId)).first();
            if (doc == null || !(blank(doc, "address") | blank(doc, "notes"))) {
                return;
            }
            Object version = doc.get(Documents.VERSION);
            if (deliveries.replaceOne(Filters.and(Filters.eq("_id", orderId), Filters.eq(Documents.VERSION, version)),
                    doc).getMatchedCount() == 1) {
                return;
            }
        }
        throw new IllegalStateException("delivery " + orderId + " kept changing while its person was being erased");
    }

    private static boolean blank(Document doc, String field) {
        Object value = doc.get(field);
        if (value == null || PersonalData.ERASED.equals(value)) {
            return false;
        }
        doc.put(field, PersonalData.ERASED);
        return true;
    }
}
