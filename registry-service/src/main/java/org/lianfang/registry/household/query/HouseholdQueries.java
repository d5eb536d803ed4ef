package org.lianfang.registry.household.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.registry.HouseholdMemberAdded;
import org.lianfang.contracts.registry.HouseholdRegistered;
import org.springframework.stereotype.Component;

/** Reads a household by folding its own short event stream: a keyed read, always current. */
@Component
public class HouseholdQueries {

    private final EventStore eventStore;

    public HouseholdQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<HouseholdView> find(String householdId) {
        if (eventStore.lastSequenceNumberFor(householdId).isEmpty()) {
            return Optional.empty();
        }
        HouseholdRegistered registered = null;
        String communityId = null;
        List<String> members = new ArrayList<>();
        for (DomainEventMessage<?> event : eventStore.readEvents(householdId, 0).asStream().toList()) {
            if (event.getPayload() instanceof HouseholdRegistered r) {
                registered = r;
                communityId = (String) event.getMetaData().get(MetadataKeys.COMMUNITY_ID);
            } else if (event.getPayload() instanceof HouseholdMemberAdded added) {
                members.add(added.personId().value());
            }
        }
        if (registered == null) {
            return Optional.empty();
        }
        return Optional.of(new HouseholdView(registered.householdId(), registered.compoundId(), communityId,
                registered.building(),
                registered.unit(), registered.room(), registered.registeredBy(), registered.registeredAt(),
                List.copyOf(members)));
    }
}
