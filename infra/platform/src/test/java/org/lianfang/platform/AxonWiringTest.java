package org.lianfang.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.bson.Document;
import com.mongodb.WriteConcern;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.platform.testapp.UpstreamWatcher;
import org.junit.jupiter.api.Test;
import org.lianfang.platform.axon.ConsumedEventSource;
import org.lianfang.platform.testapp.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class AxonWiringTest extends PlatformTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    MongoClient mongo;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void tokensAndSagasLiveInTheServicesOwnDatabase() {
        assertThat(context.getBean(TokenStore.class)).isInstanceOf(org.lianfang.platform.axon.TokensAfterCommit.class);
        assertThat(context.getBean(SagaStore.class)).isInstanceOf(MongoSagaStore.class);
        assertThat(context.getBean(TransactionManager.class)).isInstanceOf(NoTransactionManager.class);

        http.postJson("/api/v1/widgets", "{\"name\":\"tokens\",\"count\":1}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                database().getCollection("trackingtokens").find(new Document("processorName", "widget-view")).first())
                .isNotNull());
    }

    @Test
    void processingGroupsAreTrackingProcessors() {
        Optional<EventProcessor> view = processing.eventProcessor("widget-view");
        Optional<EventProcessor> fragile = processing.eventProcessor("fragile");

        assertThat(view).containsInstanceOf(TrackingEventProcessor.class);
        assertThat(fragile).containsInstanceOf(TrackingEventProcessor.class);
    }

    @Test
    void anEventAHandlerCannotProcessIsDeadLettered() {
        http.postJson("/api/v1/widgets", "{\"name\":\"poison\",\"count\":1}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                database().getCollection("deadletters").find(new Document("processingGroup", "fragile")).first())
                .isNotNull());
        assertThat(processing.deadLetterQueue("fragile")).isPresent();
        assertThat(processing.deadLetterQueue("widget-view")).isPresent();
    }

    @Test
    void snapshotTriggersAreNamedAfterTheirAggregate() {
        SnapshotTriggerDefinition trigger = context.getBean("widgetSnapshotTrigger", SnapshotTriggerDefinition.class);

        assertThat(trigger).isInstanceOf(EventCountSnapshotTriggerDefinition.class);
    }

    @Test
    void aSnapshotIsTakenAfterTheConfiguredNumberOfEvents() {
        HttpResponse<String> created = http.postJson("/api/v1/widgets", "{\"name\":\"snap\",\"count\":1}");
        String id = json(created).get("id").asText();
        for (int i = 0; i < 4; i++) {
            http.postJson("/api/v1/widgets/" + id + "/assignments?personId=p" + i, "");
        }

        EventStorageEngine engine = context.getBean(EventStorageEngine.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.readSnapshot(id).isPresent());
    }

    @Test
    void eachConsumedServiceIsAReadOnlySourceNamedAfterIt() {
        ConsumedEventSource upstream = context.getBean("upstreamEvents", ConsumedEventSource.class);

        assertThat(upstream.serviceName()).isEqualTo("upstream");
        assertThat(processing.eventProcessor("upstream-watch")).containsInstanceOf(TrackingEventProcessor.class);
        assertThat(context.getBeansOfType(EventStorageEngine.class)).hasSize(1);
        assertThat(context.getBean(EventStorageEngine.class)).isInstanceOf(IndexedMongoEventStorageEngine.class);
    }

    @Test
    void aGroupReadsTheConsumedServicesEventsWithItsTokenInItsOwnDatabase() {
        MongoDatabase upstreamDatabase = mongo.getDatabase("lianfang_upstream");
        IndexedMongoEventStorageEngine upstreamWriter = IndexedMongoEventStorageEngine.builder()
                .database(upstreamDatabase).writeConcern(WriteConcern.W1).build();

        upstreamWriter.appendEvents(List.of(new GenericDomainEventMessage<>("Upstream", "u-1", 0,
                new UpstreamWatcher.UpstreamHappened("first")), new GenericDomainEventMessage<>("Upstream", "u-1", 1,
                new UpstreamWatcher.UpstreamHappened("second"))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(UpstreamWatcher.SEEN)
                .extracting(m -> ((UpstreamWatcher.UpstreamHappened) m.getPayload()).what())
                .containsExactly("first", "second"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(database()
                .getCollection("trackingtokens").find(new Document("processorName", "upstream-watch")).first())
                .isNotNull());
        assertThat(upstreamDatabase.listCollectionNames().into(new java.util.ArrayList<>()))
                .doesNotContain("trackingtokens", "deadletters", "idempotency_keys");
    }

    @Test
    void healthAnswersUpWithTheStoresPing() {
        HttpResponse<String> health = http.get("/actuator/health");
        HttpResponse<String> mongoHealth = http.get("/actuator/health/mongo");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("UP");
        assertThat(mongoHealth.statusCode()).isEqualTo(200);
        assertThat(json(mongoHealth).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusExposesAxonMetricsAndOnlyTheAllowedEndpointsAreOpen() {
        http.postJson("/api/v1/widgets", "{\"name\":\"metrics\",\"count\":1}");

        HttpResponse<String> prometheus = http.get("/actuator/prometheus");

        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("commandBus", "eventProcessor", "service=\"platform-test\"");
        assertThat(http.get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/beans").statusCode()).isEqualTo(404);
    }

    @Test
    void axonsHandlerTimeoutsAreReplacedByTheWatchdog() {
        // Axon 4.13.0's timeouts take a stack trace whenever a handler starts (AxonFramework#4637)
        assertThat(context.getBeanNamesForType(
                org.axonframework.springboot.autoconfig.AxonTimeoutAutoConfiguration.class)).isEmpty();
        assertThat(context.getBeanNamesForType(
                org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition.class)).isEmpty();
        assertThat(context.getBean(org.lianfang.platform.axon.HandlerWatchdog.class)).isNotNull();
    }

    private MongoDatabase database() {
        return mongo.getDatabase("lianfang_platform_test");
    }
}
