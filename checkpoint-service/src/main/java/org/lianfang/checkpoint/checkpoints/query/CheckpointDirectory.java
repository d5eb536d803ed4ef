package org.lianfang.checkpoint.checkpoints.query;

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
 * a moment ago accepts crossings at once, on any instance), at the cost of one keyed look-up of the
 * stream's last sequence number; the stream is folded again only when it has grown.
 */
@Component
public class CheckpointDirectory {

    private final EventStore eventStore;
    private final Map<String, CheckpointView> cache = new ConcurrentHashMap<>();

    public CheckpointDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<CheckpointView> find(String checkpointId) {
        Optional<Long> last = eventStore.lastSequenceNumberFor(checkpointId);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        CheckpointView cached = cache.get(checkpointId);
        if (cached != null && cached.version() == last.get()) {
            return Optional.of(cached);
        }
        Optional<CheckpointView> folded = fold(checkpointId);
        folded.ifPresent(view -> cache.put(checkpointId, view));
        return folded;
    }

    private Optional<CheckpointView> fold(String checkpointId) {
        CheckpointView view = null;
        for (DomainEventMessage<?> message : eventStore.readEvents(checkpointId, 0).asStream().toList()) {
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
        return Optional.ofNullable(view);
    }
}
