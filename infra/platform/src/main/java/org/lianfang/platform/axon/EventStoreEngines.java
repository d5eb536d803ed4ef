package org.lianfang.platform.axon;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.lianfang.eventstore.EventStoreSerializers;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;

/**
 * The one place that builds event storage engines: a service's own store (read-write) and the
 * stores of services it consumes (read-only: no index creation, appends refused).
 */
final class EventStoreEngines {

    private EventStoreEngines() {
    }

    static IndexedMongoEventStorageEngine own(MongoDatabase database, Serializer eventSerializer,
                                              EventUpcaster upcasters, WriteConcern writeConcern,
                                              Duration indexLeaseLifetime) {
        return IndexedMongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(EventStoreSerializers.snapshots())
                .upcasterChain(upcasters)
                .writeConcern(writeConcern)
                .indexLeaseLifetime(indexLeaseLifetime)
                .build();
    }

    static IndexedMongoEventStorageEngine readOnly(MongoDatabase database, Serializer eventSerializer,
                                                   EventUpcaster upcasters) {
        return IndexedMongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(EventStoreSerializers.snapshots())
                .upcasterChain(upcasters)
                .readOnly(true)
                .build();
    }
}
