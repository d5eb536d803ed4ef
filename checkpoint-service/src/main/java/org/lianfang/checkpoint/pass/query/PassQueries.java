package org.lianfang.checkpoint.pass.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.lianfang.contracts.checkpoint.PassIssued;
import org.lianfang.contracts.checkpoint.PassRevoked;
import org.lianfang.contracts.checkpoint.PassUsed;
import org.springframework.stereotype.Component;

/**
 * Reads a pass by folding its own short stream (a keyed read): the gate and the operator always
 * see the pass as it is, including an exit spent a moment ago.
 */
@Component
public class PassQueries {

    private final EventStore eventStore;

    public PassQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<PassView> find(String passId) {
        PassIssued issued = null;
        PassRevoked revoked = null;
        List<PassView.Exit> exits = new ArrayList<>();
        for (DomainEventMessage<?> message : eventStore.readEvents(passId, 0).asStream().toList()) {
            Object event = message.getPayload();
            if (event instanceof PassIssued e) {
                issued = e;
            } else if (event instanceof PassRevoked e) {
                revoked = e;
            } else if (event instanceof PassUsed e) {
                exits.add(new PassView.Exit(e.crossingId(), e.personIds(), e.occurredAt(), e.period()));
            }
        }
        if (issued == null) {
            return Optional.empty();
        }
        exits.sort(Comparator.comparing(PassView.Exit::occurredAt).thenComparing(PassView.Exit::crossingId));
        return Optional.of(new PassView(issued.passId(), issued.communityId(), issued.compoundId(),
                issued.householdId(), issued.personId(), issued.validFrom(), issued.validTo(), issued.limit(),
                issued.note(), issued.issuedBy(), issued.issuedAt(), revoked == null ? null : revoked.revokedAt(),
                revoked == null ? null : revoked.revokedBy(), revoked == null ? null : revoked.reason(),
                List.copyOf(exits)));
    }
}
