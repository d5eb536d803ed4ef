package org.lianfang.platform.axon;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration;
import org.axonframework.springboot.autoconfig.InfraConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaAutoConfiguration;
import org.lianfang.eventstore.EventStoreSerializers;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.platform.LianfangProperties;
import org.lianfang.platform.mongo.LianfangMongoAutoConfiguration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Axon on MongoDB for one service: the event store in the service's own database, axon-mongo's
 * token store, saga store and a dead-letter queue for every processing group, tracking
 * processors, metadata on every message, snapshot triggers and other services' event streams
 * as configured under {@code lianfang.*}. A service declares none of this itself.
 */
@AutoConfiguration(
        after = LianfangMongoAutoConfiguration.class,
        before = {AxonAutoConfiguration.class, EventProcessingAutoConfiguration.class, InfraConfiguration.class,
                JpaAutoConfiguration.class, JdbcAutoConfiguration.class})
public class LianfangAxonAutoConfiguration {

    /**
     * For tracking tokens, sagas and dead letters. It must keep Jackson's default visibility: a
     * field-visibility mapper corrupts axon-mongo's token timestamps.
     */
    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "serializer")
    Serializer serializer() {
        return EventStoreSerializers.jackson();
    }

    /** Events as plain, lossless JSON an auditor can read (snapshots get the engine's field mapper). */
    @Bean
    @Qualifier("eventSerializer")
    @ConditionalOnMissingBean(name = "eventSerializer")
    Serializer eventSerializer() {
        return EventStoreSerializers.jackson();
    }

    @Bean
    @Qualifier("messageSerializer")
    @ConditionalOnMissingBean(name = "messageSerializer")
    Serializer messageSerializer(@Qualifier("eventSerializer") Serializer eventSerializer) {
        return eventSerializer;
    }

    @Bean
    @ConditionalOnMissingBean(EventStorageEngine.class)
    IndexedMongoEventStorageEngine eventStorageEngine(MongoDatabase serviceDatabase, LianfangProperties properties,
                                                      @Qualifier("eventSerializer") Serializer eventSerializer,
                                                      ObjectProvider<EventUpcaster> upcasters) {
        return EventStoreEngines.own(serviceDatabase, eventSerializer,
                new EventUpcasterChain(upcasters.orderedStream().toList()),
                LianfangMongoAutoConfiguration.writeConcern(properties.mongodb().writeConcern()),
                properties.eventStore().indexLeaseLifetime());
    }

    @Bean
    @ConditionalOnMissingBean(name = "axonMongoTemplate")
    MongoTemplate axonMongoTemplate(MongoDatabase serviceDatabase) {
        return DefaultMongoTemplate.builder().mongoDatabase(serviceDatabase).build();
    }

    @Bean
    @ConditionalOnMissingBean
    TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer, LianfangProperties properties) {
        // Axon's default owner is the JVM's name, so two application contexts in one JVM (tests,
        // the in-process end-to-end suite) would both believe they hold the same claim and
        // process every event twice. A per-context owner makes them behave like two instances.
        String nodeId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        return new TokensAfterCommit(MongoTokenStore.builder()
                .nodeId(nodeId)
                .claimTimeout(properties.processing().claimTimeout())
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .transactionManager(NoTransactionManager.instance())
                .build());
    }

    @Bean
    @ConditionalOnMissingBean
    SagaStore<Object> sagaStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoSagaStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .transactionManager(NoTransactionManager.instance())
                .build();
    }

    @Bean
    CorrelationDataProvider eventMetadataProvider(LianfangProperties properties) {
        return new EventMetadataProvider(properties.serviceName());
    }

    /** Slow commands and events are reported and, past a bound, interrupted (instead of Axon's timeouts). */
    @Bean(destroyMethod = "close")
    HandlerWatchdog handlerWatchdog(LianfangProperties properties) {
        LianfangProperties.Handlers handlers = properties.handlers();
        return new HandlerWatchdog(properties.serviceName(), handlers.warnAfter(), handlers.interruptAfter(),
                handlers.checkEvery());
    }

    /** Registered on the buses directly: an aggregate's events never pass the event gateway. */
    @Bean
    InitializingBean messageMetadataInterceptors(CommandBus commandBus, EventBus eventBus,
                                                 LianfangProperties properties, HandlerWatchdog watchdog) {
        return () -> {
            commandBus.registerDispatchInterceptor(MessageMetadataInterceptors.commands());
            eventBus.registerDispatchInterceptor(MessageMetadataInterceptors.events(properties.serviceName()));
            commandBus.registerHandlerInterceptor(watchdog);
            commandBus.registerHandlerInterceptor(new CorrelationIdMdcInterceptor());
        };
    }

    @Bean
    InitializingBean lianfangEventProcessing(EventProcessingConfigurer processing, LianfangProperties properties,
                                             MongoTemplate axonMongoTemplate, Serializer serializer,
                                             ApplicationContext context, HandlerWatchdog watchdog) {
        return () -> {
            processing.usingTrackingEventProcessors();
            // Processors named under axon.eventhandling.processors get the same from PlatformDefaults.
            LianfangProperties.Processing scale = properties.processing();
            processing.registerTrackingEventProcessorConfiguration(config -> TrackingEventProcessorConfiguration
                    .forParallelProcessing(scale.threadCount())
                    .andInitialSegmentsCount(scale.segments())
                    .andTokenClaimInterval(scale.tokenClaimIntervalMs(), TimeUnit.MILLISECONDS));
            processing.registerDefaultHandlerInterceptor((config, name) -> watchdog);
            processing.registerDefaultHandlerInterceptor((config, name) -> new CorrelationIdMdcInterceptor());
            processing.registerDeadLetterQueueProvider(group -> config ->
                    MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
                            .processingGroup(group)
                            .mongoTemplate(axonMongoTemplate)
                            .serializer(serializer)
                            .transactionManager(NoTransactionManager.instance())
                            .build());
            // Without the cache every event costs a query of the queue ("is its sequence parked?"): one
            // store round trip per event, which bounded a batch-writing projection's catch-up to the
            // store's latency (crossing-traces: ~2 events/s over a loaded store). The cache asks once per
            // segment claim whether the queue is empty and remembers what this invoker parks itself;
            // Axon drops it when a segment is released, so an instance that takes a segment over asks again.
            processingGroups(context, properties).forEach(group -> processing
                    .registerDeadLetteringEventHandlerInvokerConfiguration(group,
                            (config, builder) -> builder.enableSequenceIdentifierCache()));
            for (Map.Entry<String, LianfangProperties.ProcessingGroup> group : properties.processingGroups().entrySet()) {
                String source = group.getValue().source();
                if (!properties.consumes().contains(source)) {
                    throw new IllegalStateException("Processing group '" + group.getKey() + "' reads the events of '"
                            + source + "', which is not listed in lianfang.consumes " + properties.consumes());
                }
                ConsumedEventSource events = context.getBean(
                        PlatformBeanRegistrar.consumedSourceBeanName(source), ConsumedEventSource.class);
                processing.registerTrackingEventProcessor(group.getKey(), config -> events);
            }
        };
    }

    /** Only where processors are split: a single segment has nothing to share. */
    @Bean
    @ConditionalOnExpression("${lianfang.processing.segments:1} > 1")
    SegmentBalancer segmentBalancer(EventProcessingConfiguration eventProcessingConfiguration, TokenStore tokenStore,
                                    MongoDatabase serviceDatabase, LianfangProperties properties) {
        return new SegmentBalancer(eventProcessingConfiguration, tokenStore, serviceDatabase, properties.processing());
    }

    /** Dead letters are retried: a store that was briefly unreachable must not leave a read model short. */
    @Bean
    DeadLetterRetry deadLetterRetry(EventProcessingConfiguration eventProcessingConfiguration,
                                    LianfangProperties properties) {
        return new DeadLetterRetry(eventProcessingConfiguration, properties.processing().deadLetterRetryInterval());
    }

    @Bean
    ConsumedEventSourceFactory consumedEventSourceFactory(MongoClient mongoClient,
                                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                                          ObjectProvider<EventUpcaster> upcasters) {
        return name -> {
            MongoDatabase database = mongoClient.getDatabase(LianfangProperties.databaseName(name));
            EventStorageEngine engine = EventStoreEngines.readOnly(database, eventSerializer,
                    new EventUpcasterChain(upcasters.orderedStream().toList()));
            EmbeddedEventStore store = EmbeddedEventStore.builder()
                    .storageEngine(engine)
                    .threadFactory(runnable -> {
                        Thread thread = new Thread(runnable, "events-of-" + name);
                        thread.setDaemon(true);
                        return thread;
                    })
                    .build();
            return new ConsumedEventSource(name, store);
        };
    }

    @Bean
    static PlatformBeanRegistrar lianfangPlatformBeanRegistrar() {
        return new PlatformBeanRegistrar();
    }

    /** Builds the read-only source of one consumed service. */
    @FunctionalInterface
    public interface ConsumedEventSourceFactory {
        ConsumedEventSource create(String serviceName);
    }


    /** Every processing group of this service: its {@code @ProcessingGroup} handlers and those reading other services. */
    static Set<String> processingGroups(ApplicationContext context, LianfangProperties properties) {
        Set<String> groups = new TreeSet<>(properties.processingGroups().keySet());
        for (String bean : context.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            ProcessingGroup group = context.findAnnotationOnBean(bean, ProcessingGroup.class);
            if (group != null) {
                groups.add(group.value());
            }
        }
        return groups;
    }
}
