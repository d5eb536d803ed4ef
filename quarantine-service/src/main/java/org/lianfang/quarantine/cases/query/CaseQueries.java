package org.lianfang.quarantine.cases.query;

import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Reads cases. The projection answers normally; a case it has not caught up with yet is folded
 * from the event store with the same rules, so a client that just got 201 can always GET it.
 */
@Component
public class CaseQueries {

    private final CaseProjection projection;
    private final EventStore eventStore;

    public CaseQueries(CaseProjection projection, EventStore eventStore) {
        this.projection = projection;
        this.eventStore = eventStore;
    }

    public Optional<CaseView> find(String caseId) {
        Optional<CaseView> projected = projection.find(caseId);
        return projected.isPresent() ? projected : fromEventStore(caseId);
    }

    /** The case as its events say right now, for answering a write with what it changed. */
    public Optional<CaseView> current(String caseId) {
        return fromEventStore(caseId);
    }

    public List<CaseView> findByPerson(String personId) {
        return projection.findByPerson(personId);
    }

    private Optional<CaseView> fromEventStore(String caseId) {
        if (eventStore.lastSequenceNumberFor(caseId).isEmpty()) {
            return Optional.empty();
        }
        Document doc = new Document("_id", caseId);
        eventStore.readEvents(caseId).asStream().forEach((DomainEventMessage<?> event) ->
                CaseDocuments.apply(doc, event.getPayload(), event.getSequenceNumber()));
        return doc.containsKey("personId") ? Optional.of(CaseDocuments.toView(doc)) : Optional.empty();
    }
}
