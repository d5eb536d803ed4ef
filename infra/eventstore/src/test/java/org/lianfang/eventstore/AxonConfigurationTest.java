package org.lianfang.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The engine under Axon's own {@code Configurer}, without Spring: an event-sourced aggregate, a
 * tracking projection whose token lives in MongoDB, a restart, and a replay.
 */
class AxonConfigurationTest {

    record OpenCounter(@TargetAggregateIdentifier String id) {
    }

    record Increment(@TargetAggregateIdentifier String id) {
    }

    record CounterOpened(String id) {
    }

    record Incremented(String id, int value) {
    }

    /** A minimal event-sourced aggregate: the constructor handler opens it, increments apply events. */
    static class Counter {
        @AggregateIdentifier
        private String id;
        private int value;

        Counter() {
        }

        @CommandHandler
        Counter(OpenCounter command) {
            apply(new CounterOpened(command.id()));
        }

        @CommandHandler
        void handle(Increment command) {
            apply(new Incremented(id, value + 1));
        }

        @EventSourcingHandler
        void on(CounterOpened event) {
            this.id = event.id();
        }

        @EventSourcingHandler
        void on(Incremented event) {
            this.value = event.value();
        }
    }

    /** Records what it sees and whether Axon flagged it as a replay. */
    static class Projection {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final AtomicInteger sideEffects = new AtomicInteger();

        @EventHandler
        void on(Incremented event, EventMessage<?> message) {
            seen.add(event.id() + ":" + event.value() + (ReplayToken.isReplay(message) ? ":replay" : ""));
        }

        @EventHandler
        @DisallowReplay
        void onOpened(CounterOpened event) {
            sideEffects.incrementAndGet();
        }
    }

    TestStore store;
    MongoDatabase db;
    Configuration config;

    @BeforeEach
    void start() {
        store = TestStore.memory();
        db = store.database("axon");
    }

    @AfterEach
    void stop() {
        if (config != null) {
            config.shutdown();
        }
        store.close();
    }

    private Configuration start(Projection projection) {
        IndexedMongoEventStorageEngine engine = IndexedMongoEventStorageEngine.builder().database(db).build();
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureEventStore(c -> EmbeddedEventStore.builder().storageEngine(engine).build())
                .configureAggregate(org.axonframework.config.AggregateConfigurer.defaultConfiguration(Counter.class)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), 5)))
                .registerComponent(TokenStore.class, c -> MongoTokenStore.builder()
                        .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(db).build())
                        .serializer(JacksonSerializer.defaultSerializer())
                        .build())
                .eventProcessing(ep -> ep
                        .registerTrackingEventProcessor("projection", c -> c.eventStore(),
                                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                        .andEventAvailabilityTimeout(100, java.util.concurrent.TimeUnit.MILLISECONDS))
                        .registerEventHandler(c -> projection)
                        .assignHandlerInstancesMatching("projection", h -> h == projection))
                .buildConfiguration();
        configuration.start();
        // Axon treats events already stored when a processor first initialises its token as a
        // replay; wait for the initial claim so the tests' first events count as new.
        TrackingEventProcessor processor = configuration.eventProcessingConfiguration()
                .eventProcessor("projection", TrackingEventProcessor.class).orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> processor.processingStatus().size() == 1);
        return configuration;
    }

    @Test
    void aggregatesLoadFromTheStoreAndSnapshotsAreTaken() {
        Projection projection = new Projection();
        config = start(projection);
        config.commandGateway().sendAndWait(new OpenCounter("c1"));
        for (int i = 0; i < 12; i++) {
            config.commandGateway().sendAndWait(new Increment("c1"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> projection.seen.size() == 12);
        assertThat(projection.seen).endsWith("c1:12");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                db.getCollection(IndexedMongoEventStorageEngine.SNAPSHOTS).countDocuments() == 1);
        config.commandGateway().sendAndWait(new Increment("c1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> projection.seen.contains("c1:13"));
    }

    @Test
    void aRestartResumesFromTheStoredTokenWithoutReprocessing() {
        Projection first = new Projection();
        config = start(first);
        config.commandGateway().sendAndWait(new OpenCounter("c1"));
        config.commandGateway().sendAndWait(new Increment("c1"));
        config.commandGateway().sendAndWait(new Increment("c1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> first.seen.size() == 2);
        config.shutdown();

        Projection second = new Projection();
        config = start(second);
        config.commandGateway().sendAndWait(new Increment("c1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> second.seen.size() == 1);
        assertThat(second.seen).containsExactly("c1:3");
        assertThat(second.sideEffects).hasValue(0);
    }

    @Test
    void aResetReplaysFlaggedAsReplayAndSkipsDisallowedHandlers() {
        Projection projection = new Projection();
        config = start(projection);
        config.commandGateway().sendAndWait(new OpenCounter("c1"));
        config.commandGateway().sendAndWait(new Increment("c1"));
        config.commandGateway().sendAndWait(new Increment("c1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> projection.seen.size() == 2);
        assertThat(projection.seen).containsExactly("c1:1", "c1:2");
        assertThat(projection.sideEffects).hasValue(1);

        TrackingEventProcessor processor = config.eventProcessingConfiguration()
                .eventProcessor("projection", TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> projection.seen.size() == 4);
        config.commandGateway().sendAndWait(new Increment("c1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> projection.seen.size() == 5);

        assertThat(projection.seen).containsExactly("c1:1", "c1:2", "c1:1:replay", "c1:2:replay", "c1:3");
        assertThat(projection.sideEffects).hasValue(1);
    }
}
