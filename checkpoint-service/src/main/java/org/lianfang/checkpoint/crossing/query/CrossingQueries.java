package org.lianfang.checkpoint.crossing.query;

import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.lianfang.contracts.checkpoint.CrossingDenied;
import org.lianfang.contracts.checkpoint.CrossingRecorded;
import org.lianfang.contracts.checkpoint.QuarantineBreachAttempted;
import org.lianfang.contracts.checkpoint.UnregisteredArrivalDetected;
import org.springframework.stereotype.Component;

/** Reads one crossing from its own stream (one to three events, a keyed read). */
@Component
public class CrossingQueries {

    private final EventStore eventStore;

    public CrossingQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<CrossingView> find(String crossingId) {
        CrossingView view = null;
        String breach = null;
        boolean arrival = false;
        for (DomainEventMessage<?> message : eventStore.readEvents(crossingId, 0).asStream().toList()) {
            Object event = message.getPayload();
            if (event instanceof CrossingRecorded e) {
                view = new CrossingView(e.crossing(), true, null, null, e.ruleVersion(), e.flags(), null, false);
            } else if (event instanceof CrossingDenied e) {
                view = new CrossingView(e.crossing(), false, e.rule(), e.reason(), e.ruleVersion(), e.flags(), null,
                        false);
            } else if (event instanceof QuarantineBreachAttempted e) {
                breach = e.caseId();
            } else if (event instanceof UnregisteredArrivalDetected) {
                arrival = true;
            }
        }
        if (view == null) {
            return Optional.empty();
        }
        return Optional.of(new CrossingView(view.details(), view.allowed(), view.rule(), view.reason(),
                view.ruleVersion(), List.copyOf(view.flags()), breach, arrival));
    }
}
