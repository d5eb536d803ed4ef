package org.lianfang.platform.axon;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

/**
 * The one place that decides which {@link EventStorageEngine} a service runs on: its own store
 * (read-write) and the stores of services it consumes (read-only).
 */
final class EventStoreEngines {

    private EventStoreEngines() {
    }

    static EventStorageEngine own(MongoDatabase database, Serializer eventSerializer, Serializer snapshotSerializer,
                                  EventUpcaster upcasters, WriteConcern writeConcern) {
        return new InMemoryEventStorageEngine();
    }

    static EventStorageEngine readOnly(MongoDatabase database, Serializer eventSerializer, EventUpcaster upcasters) {
        return new InMemoryEventStorageEngine();
    }
}
