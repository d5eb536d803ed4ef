package org.lianfang.platform.chain;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;

/**
 * Reads the service's own events in global-index order through the event storage engine, but
 * through a read-only engine <em>without upcasters</em>: the chain covers what is stored, so a
 * new upcaster in a later release never makes old events look altered. Payloads are never
 * deserialized: the same serializer hands back the stored text.
 */
public class StoredEvents {

    /** Indexes per read: the engine asks for each and its successor, so twice as many keys. */
    static final int AT_CHUNK = 32;

    private final IndexedMongoEventStorageEngine engine;
    private final Serializer serializer;

    public StoredEvents(MongoDatabase serviceDatabase, Serializer eventSerializer) {
        this.engine = IndexedMongoEventStorageEngine.builder()
                .database(serviceDatabase)
                .eventSerializer(eventSerializer)
                .readOnly(true)
                .build();
        this.serializer = engine.getEventSerializer();
    }

    /**
     * The visible events at {@code indexes}, by index (one store read per {@value #AT_CHUNK} for
     * most; see the engine): bounded, as the embedded store's cost of one {@code $in} grows with
     * its square.
     */
    public Map<Long, StoredEvent> at(Collection<Long> indexes) {
        Map<Long, StoredEvent> result = new HashMap<>();
        List<Long> all = List.copyOf(indexes);
        for (int from = 0; from < all.size(); from += AT_CHUNK) {
            engine.readEventsAt(all.subList(from, Math.min(all.size(), from + AT_CHUNK)))
                    .forEach((index, message) -> result.put(index, of(index, message)));
        }
        return result;
    }

    /**
     * Up to {@code max} visible events with a global index above {@code afterIndex} and at most
     * {@code maxIndex}, ascending; indexes not (yet) visible are simply absent.
     */
    public List<StoredEvent> after(long afterIndex, int max, long maxIndex) {
        TrackingToken from = afterIndex <= 0 ? null : GapAwareTrackingToken.newInstance(afterIndex, Set.of());
        List<StoredEvent> result = new ArrayList<>(Math.min(max, 1024));
        // windows of the indexes still wanted, not whole batches: the verifier asks for 2 events at a time
        while (result.size() < max) {
            List<TrackedEventMessage<?>> window = engine.readEventsAfter(from, max - result.size());
            if (window.isEmpty()) {
                return result;
            }
            for (TrackedEventMessage<?> message : window) {
                long index = ((GapAwareTrackingToken) WrappedToken.unwrapLowerBound(message.trackingToken())).getIndex();
                if (index > maxIndex || result.size() == max) {
                    return result;
                }
                result.add(of(index, message));
                from = message.trackingToken();
            }
        }
        return result;
    }

    /**
     * The stored text of {@code message} at {@code globalIndex}: exact only for a message read
     * without upcasters (this reader's own, or an engine that has none).
     */
    public StoredEvent of(long globalIndex, TrackedEventMessage<?> message) {
        SerializedObject<String> payload = message.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = message.serializeMetaData(serializer, String.class);
        String aggregateType = null;
        String aggregateId = null;
        Long sequence = null;
        if (message instanceof DomainEventMessage<?> domain) {
            aggregateType = domain.getType();
            aggregateId = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
        }
        return new StoredEvent(globalIndex, message.getIdentifier(), aggregateType, aggregateId, sequence,
                message.getTimestamp(), payload.getType().getName(), payload.getType().getRevision(),
                payload.getData(), metaData.getData());
    }
}
