package org.lianfang.checkpoint.people;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.lianfang.contracts.quarantine.QuarantineCompleted;
import org.lianfang.contracts.quarantine.QuarantineReleasedEarly;
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.springframework.stereotype.Component;

/**
 * Who is in active quarantine, from quarantine-service's event store (read-only, its own token):
 * one document per person by {@code _id}, with each of the person's cases and the sequence number
 * of the case's last event applied, so a redelivered start never re-opens an ended case.
 */
@Component
@ProcessingGroup(QuarantinePeople.PROCESSING_GROUP)
public class QuarantinePeople {

    public static final String PROCESSING_GROUP = "quarantine-people";
    public static final String COLLECTION = "gate_quarantines";

    private final MongoCollection<Document> quarantines;

    public QuarantinePeople(MongoDatabase serviceDatabase) {
        this.quarantines = serviceDatabase.getCollection(COLLECTION);
    }

    @EventHandler
    void on(QuarantineStarted event, @SequenceNumber Long sequence) {
        apply(event.personId(), event.caseId().value(), sequence, true);
    }

    @EventHandler
    void on(QuarantineCompleted event, @SequenceNumber Long sequence) {
        apply(event.personId(), event.caseId().value(), sequence, false);
    }

    @EventHandler
    void on(QuarantineReleasedEarly event, @SequenceNumber Long sequence) {
        apply(event.personId(), event.caseId().value(), sequence, false);
    }

    private void apply(String personId, String caseId, long sequence, boolean active) {
        Document doc = quarantines.find(Filters.eq("_id", personId)).first();
        if (doc == null) {
            doc = new Document("_id", personId).append("cases", new Document());
        }
        Document cases = doc.get("cases", Document.class);
        Document existing = cases.get(caseId, Document.class);
        if (existing != null && existing.get("version") instanceof Number applied && applied.longValue() >= sequence) {
            return;
        }
        cases.put(caseId, new Document("active", active).append("version", sequence));
        quarantines.replaceOne(Filters.eq("_id", personId), doc, new ReplaceOptions().upsert(true));
    }
}
