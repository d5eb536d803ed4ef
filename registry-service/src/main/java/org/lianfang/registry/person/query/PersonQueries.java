package org.lianfang.registry.person.query;

import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.registry.PersonDetailsCorrected;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RiskColourChanged;
import org.springframework.stereotype.Component;

/**
 * Reads a person. The projection answers when it is up to date with the person's stream; a
 * person changed a moment ago that it has not caught up with yet is folded from their own events
 * (a keyed read), so a client that just got 201 or 200 always reads what it wrote.
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
        Optional<PersonProjection.Projected> projected = projection.findProjected(personId);
        Optional<Long> last = eventStore.lastSequenceNumberFor(personId);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        if (projected.isPresent() && projected.get().version() >= last.get()) {
            return projected.map(PersonProjection.Projected::view);
        }
        return fromEventStore(personId);
    }

    private Optional<PersonView> fromEventStore(String personId) {
        PersonView view = null;
        for (DomainEventMessage<?> event : eventStore.readEvents(personId, 0).asStream().toList()) {
            Object payload = event.getPayload();
            if (payload instanceof PersonRegistered registered) {
                view = PersonView.of(registered, (String) event.getMetaData().get(MetadataKeys.COMMUNITY_ID),
                        (String) event.getMetaData().get(MetadataKeys.ACTOR));
            } else if (view != null && payload instanceof PersonDetailsCorrected corrected) {
                view = view.corrected(corrected);
            } else if (view != null && payload instanceof RiskColourChanged changed) {
                view = view.withColour(changed.to());
            }
        }
        return Optional.ofNullable(view);
    }
}
