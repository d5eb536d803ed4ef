package org.lianfang.registry.person.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.lianfang.contracts.registry.ColourOverrideLifted;
import org.lianfang.contracts.registry.ColourOverrideSet;
import org.lianfang.contracts.registry.ColourRulesAdopted;
import org.lianfang.contracts.registry.QuarantineBreachNoted;
import org.lianfang.contracts.registry.QuarantineEndNoted;
import org.lianfang.contracts.registry.QuarantineStartNoted;
import org.lianfang.contracts.registry.UnregisteredArrivalFlagged;
import org.lianfang.contracts.registry.RiskColourChanged;
import org.springframework.stereotype.Component;

/**
 * Answers "why is this person this colour?" from the person's own event stream, a keyed read that
 * is always current: every change with its rule, owner and the message id of the causing event.
 */
@Component
public class PersonColourQueries {

    private final EventStore eventStore;

    public PersonColourQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The person's colour, or empty if there is no such person (or they have no colour yet). */
    public Optional<ColourView> colourOf(String personId) {
        if (eventStore.lastSequenceNumberFor(personId).isEmpty()) {
            return Optional.empty();
        }
        Map<Long, String> eventIds = new HashMap<>();
        Map<Long, String> sources = new HashMap<>();
        List<ColourView.Change> history = new ArrayList<>();
        ColourView.Override override = null;
        for (DomainEventMessage<?> event : eventStore.readEvents(personId, 0).asStream().toList()) {
            eventIds.put(event.getSequenceNumber(), event.getIdentifier());
            Object payload = event.getPayload();
            sourceOf(payload).ifPresent(source -> sources.put(event.getSequenceNumber(), source));
            if (payload instanceof RiskColourChanged changed) {
                history.add(new ColourView.Change(changed.from(), changed.to(), changed.changedAt(), changed.rule(),
                        changed.ruleVersion(), changed.reason(), changed.owner(),
                        new ColourView.Cause(changed.causedBy().type(), changed.causedBy().sequenceNumber(),
                                eventIds.get(changed.causedBy().sequenceNumber()),
                                sources.get(changed.causedBy().sequenceNumber()))));
            } else if (payload instanceof ColourOverrideSet set) {
                override = new ColourView.Override(set.colour(), set.reason(), set.setBy(), set.setAt());
            } else if (payload instanceof ColourOverrideLifted) {
                override = null;
            }
        }
        if (history.isEmpty()) {
            return Optional.empty();
        }
        ColourView.Change current = history.get(history.size() - 1);
        return Optional.of(new ColourView(personId, current.to(), current.changedAt(), current.rule(),
                current.ruleVersion(), current.reason(), current.owner(), current.causedBy(), override,
                List.copyOf(history)));
    }

    private static Optional<String> sourceOf(Object payload) {
        if (payload instanceof ColourRulesAdopted adopted) {
            return Optional.of(adopted.rulesEventId());
        } else if (payload instanceof QuarantineStartNoted noted) {
            return Optional.ofNullable(noted.sourceEventId());
        } else if (payload instanceof QuarantineEndNoted noted) {
            return Optional.ofNullable(noted.sourceEventId());
        } else if (payload instanceof QuarantineBreachNoted noted) {
            return Optional.ofNullable(noted.sourceEventId());
        } else if (payload instanceof UnregisteredArrivalFlagged flagged) {
            return Optional.ofNullable(flagged.sourceEventId());
        }
        return Optional.empty();
    }
}
