package org.lianfang.checkpoint.checkpoints.query;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.lianfang.contracts.checkpoint.CheckpointClosed;
import org.lianfang.contracts.checkpoint.CheckpointOpened;
import org.lianfang.contracts.checkpoint.CheckpointRegistered;
import org.lianfang.contracts.checkpoint.ExitPassRequirementChanged;
import org.springframework.stereotype.Component;

/**
 * The current state of a checkpoint for the crossing hot path: always current (a checkpoint opened
 * a moment ago accepts crossings at once, on any instance), at the cost of one keyed read of the
 * events after the ones already folded (usually none).
 */
@Component
public class CheckpointDirectory {

    private final EventStore eventStore;
    private final Map<String, CheckpointView> cache = new ConcurrentHashMap<>();

    public CheckpointDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<CheckpointView> find(String checkpointId) {
        CheckpointView cached = cache.get(checkpointId);
        List<? extends DomainEventMessage<?>> newer = eventStore
                .readEvents(checkpointId, cached == null ? 0 : cached.version() + 1).asStream().toList();
        if (newer.isEmpty()) {
            return Optional.ofNullable(cached);
        }
        CheckpointView view = fold(cached, newer);
        if (view != null) {
            cache.put(checkpointId, view);
        }
        return Optional.ofNullable(view);
    }

    private static CheckpointView fold(CheckpointView from, List<? extends DomainEventMessage<?>> events) {
        CheckpointView view = from;
        for (DomainEventMessage<?> message : events) {
            Object event = message.getPayload();
            long seq = message.getSequenceNumber();
            if (event instanceof CheckpointRegistered e) {
                view = new CheckpointView(e.checkpointId().value(), e.communityId(), e.name(), e.kind(), e.location(),
                        e.compoundId(), false, false, e.registeredBy(), e.registeredAt(), null, null, null, seq);
            } else if (view != null && event instanceof CheckpointOpened e) {
                view = new CheckpointView(view.id(), view.communityId(), view.name(), view.kind(), view.location(),
                        view.compoundId(), true, view.passRequiredToGoOut(), view.registeredBy(), view.registeredAt(),
                        e.openedAt(), view.lastClosedAt(), null, seq);
            } else if (view != null && event instanceof CheckpointClosed e) {
                view = new CheckpointView(view.id(), view.communityId(), view.name(), view.kind(), view.location(),
                        view.compoundId(), false, view.passRequiredToGoOut(), view.registeredBy(),
                        view.registeredAt(), view.lastOpenedAt(), e.closedAt(), e.reason(), seq);
            } else if (view != null && event instanceof ExitPassRequirementChanged e) {
                view = new CheckpointView(view.id(), view.communityId(), view.name(), view.kind(), view.location(),
                        view.compoundId(), view.open(), e.passRequired(), view.registeredBy(), view.registeredAt(),
                        view.lastOpenedAt(), view.lastClosedAt(), view.closeReason(), seq);
            }
        }
        return view;
    }
}
