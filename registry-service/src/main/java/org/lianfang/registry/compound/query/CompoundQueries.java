package org.lianfang.registry.compound.query;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.registry.CompoundRegistered;
import org.lianfang.contracts.registry.GridRole;
import org.lianfang.contracts.registry.GridRoleAssigned;
import org.lianfang.contracts.registry.GridRoleRemoved;
import org.springframework.stereotype.Component;

/**
 * Reads a compound by folding its own short event stream: a keyed read, always current, so a
 * grid change is visible in the response that made it.
 */
@Component
public class CompoundQueries {

    private final EventStore eventStore;

    public CompoundQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<CompoundView> find(String compoundId) {
        if (eventStore.lastSequenceNumberFor(compoundId).isEmpty()) {
            return Optional.empty();
        }
        CompoundRegistered registered = null;
        String communityId = null;
        Map<GridRole, CompoundView.Holder> roles = new EnumMap<>(GridRole.class);
        for (DomainEventMessage<?> event : eventStore.readEvents(compoundId, 0).asStream().toList()) {
            Object payload = event.getPayload();
            if (payload instanceof CompoundRegistered r) {
                registered = r;
                communityId = (String) event.getMetaData().get(MetadataKeys.COMMUNITY_ID);
            } else if (payload instanceof GridRoleAssigned assigned) {
                roles.put(assigned.role(), new CompoundView.Holder(assigned.staffMember(), assigned.assignedBy(),
                        assigned.assignedAt()));
            } else if (payload instanceof GridRoleRemoved removed) {
                roles.remove(removed.role());
            }
        }
        if (registered == null) {
            return Optional.empty();
        }
        return Optional.of(new CompoundView(registered.compoundId(), registered.name(), registered.community(),
                communityId, registered.registeredBy(), registered.registeredAt(), Collections.unmodifiableMap(roles)));
    }
}
