package org.lianfang.registry.person.query;

import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.registry.PersonRegistered;
import org.springframework.stereotype.Component;

/**
 * Reads a person. The projection answers normally; a person registered a moment ago that it has
 * not caught up with yet is read from the event store, so a client that just got 201 can
 * always GET what it created.
 */
@Component
public class PersonQueries {

    private final PersonProjection projection;
    private final EventStore eventStore;

    public PersonQueries(PersonProjection projection, EventStore eventStore) {
        this.projection = projection;
        this.eventStore = eventStore;
    }

    public Optional<PersonView> find(String personId) {
        Optional<PersonView> projected = projection.find(personId);
        return projected.isPresent() ? projected : fromEventStore(personId);
    }

    private Optional<PersonView> fromEventStore(String personId) {
        if (eventStore.lastSequenceNumberFor(personId).isEmpty()) {
            return Optional.empty();
        }
        return eventStore.readEvents(personId, 0).asStream()
                .filter(event -> event.getPayload() instanceof PersonRegistered)
                .findFirst()
                .map(PersonQueries::view);
    }

    private static PersonView view(DomainEventMessage<?> event) {
        return PersonView.of((PersonRegistered) event.getPayload(),
                (String) event.getMetaData().get(MetadataKeys.COMMUNITY_ID),
                (String) event.getMetaData().get(MetadataKeys.ACTOR));
    }
}
