package org.lianfang.eventstore.bench;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.lianfang.eventstore.EventStoreSerializers;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;

/** The engines under test, configured the same way: Jackson serializer, acknowledged writes. */
final class Engines {

    private Engines() {
    }

    /** Ours with its defaults (batch size 100), but w1: the embedded store has one node. */
    static IndexedMongoEventStorageEngine ours(MongoDatabase db) {
        return IndexedMongoEventStorageEngine.builder().database(db).writeConcern(WriteConcern.W1).build();
    }

    /** A consumer's read-only engine, as another service's tracking processor would use. */
    static IndexedMongoEventStorageEngine reader(MongoDatabase db) {
        return IndexedMongoEventStorageEngine.builder().database(db).readOnly(true).build();
    }

    /** axon-mongo's engine with its default document-per-event strategy and its indexes. */
    static MongoEventStorageEngine axon(MongoDatabase db) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(db.withWriteConcern(WriteConcern.W1)).build())
                .eventSerializer(EventStoreSerializers.jackson())
                .snapshotSerializer(EventStoreSerializers.snapshots())
                .build();
        engine.ensureIndexes();
        return engine;
    }

    static int bsonSize(Document document) {
        return new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().remaining();
    }

    /**
     * Loads an aggregate as an event-sourcing repository would — every payload deserialized, the
     * metadata left lazy as Axon leaves it for handlers that do not ask for it — and returns its
     * last sequence number.
     */
    static long load(EventStorageEngine engine, String aggregateId) {
        long[] last = {-1};
        engine.readEvents(aggregateId).asStream().forEach(e -> {
            e.getPayload();
            last[0] = e.getSequenceNumber();
        });
        return last[0];
    }

}
