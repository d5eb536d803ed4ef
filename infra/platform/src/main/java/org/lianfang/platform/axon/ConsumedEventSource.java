package org.lianfang.platform.axon;

import java.time.Instant;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.DisposableBean;

/**
 * The event stream of another service, read from that service's event store and never written.
 * A processing group that names it as its source tracks it with a token kept in this service's
 * own database, so a slow or stopped consumer never holds the producer back.
 *
 * <p>It deliberately is not an {@code EventBus}: Spring must never mistake it for the service's
 * own event store.
 */
public final class ConsumedEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, DisposableBean {

    private final String serviceName;
    private final EmbeddedEventStore store;

    ConsumedEventSource(String serviceName, EmbeddedEventStore store) {
        this.serviceName = serviceName;
        this.store = store;
    }

    /** The service whose events these are. */
    public String serviceName() {
        return serviceName;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return store.openStream(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public void destroy() {
        store.shutDown();
    }

    @Override
    public String toString() {
        return "events of " + serviceName;
    }
}
