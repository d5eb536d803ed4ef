package org.lianfang.quarantine.cases.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.lianfang.contracts.privacy.PersonErased;
import org.lianfang.contracts.privacy.PersonalData;
import org.springframework.stereotype.Component;

/**
 * Scrubs an erased person's free text from their case documents: symptom notes and supply
 * requests' notes and address read as erased, as the events do after erasure, while everything
 * counted (status, readings, dates) stays. An erasure through the registry reaches this handler in the
 * registry-sourced group; one through this service's own admin API reaches the case projection,
 * which calls {@link #forget}. The case projection writes the same documents, so each write is
 * conditional on the version it read (retried), and scrubbing twice changes nothing.
 */
@Component
@ProcessingGroup(CaseErasures.PROCESSING_GROUP)
public class CaseErasures {

    /** The group that follows the registry's store (see application.yml). */
    public static final String PROCESSING_GROUP = "registry-arrivals";

    private static final int ATTEMPTS = 10;

    private final MongoCollection<Document> cases;
    private final MongoCollection<Document> personCases;

    public CaseErasures(MongoDatabase serviceDatabase) {
        this.cases = serviceDatabase.getCollection(CaseProjection.CASES);
        this.personCases = serviceDatabase.getCollection(CaseProjection.PERSON_CASES);
    }

    @EventHandler
    void on(PersonErased event) {
        forget(event.personId());
    }

    /** Scrubs the free text of every case of {@code personId}. */
    public void forget(String personId) {
        Document index = personCases.find(Filters.eq("_id", personId)).first();
        if (index == null) {
            return;
        }
        for (String caseId : index.getList("caseIds", String.class, List.of())) {
            scrub(caseId);
        }
    }

    private void scrub(String caseId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document doc = cases.find(Filters.eq("_id", caseId)).first();
            if (doc == null || !erase(doc)) {
                return;
            }
            Object version = doc.get(CaseDocuments.VERSION);
            if (cases.replaceOne(Filters.and(Filters.eq("_id", caseId), Filters.eq(CaseDocuments.VERSION, version)),
                    doc).getMatchedCount() == 1) {
                return;
            }
        }
        throw new IllegalStateException("case " + caseId + " kept changing while its person was being erased");
    }

    /** Erases the free text in {@code doc}; false if there was none left. */
    private static boolean erase(Document doc) {
        boolean changed = false;
        for (Document symptom : doc.getList("symptoms", Document.class, List.of())) {
            changed |= blank(symptom, "notes");
        }
        for (Document request : doc.getList("supplyRequests", Document.class, List.of())) {
            changed |= blank(request, "notes");
            changed |= blank(request, "address");
        }
        return changed;
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
