package org.lianfang.platform.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.platform.LianfangProperties;
import org.lianfang.platform.axon.LianfangAxonAutoConfiguration;
import org.lianfang.platform.chain.ChainVerifier;
import org.lianfang.platform.chain.LianfangChainAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/** Every service's per-person events and event stream, for the gateway's trail and county streams. */
@AutoConfiguration(after = {LianfangAxonAutoConfiguration.class, JacksonAutoConfiguration.class,
        LianfangChainAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class LianfangEventsAutoConfiguration {

    @Bean
    EventEntries eventEntries(ObjectMapper objectMapper, LianfangProperties properties,
                              ObjectProvider<IndexedMongoEventStorageEngine> engine) {
        // entries are built from messages this engine read: their payloads are read from the stored text
        IndexedMongoEventStorageEngine own = engine.getIfUnique();
        return new EventEntries(objectMapper, properties.serviceName(), own == null ? null : own.getEventSerializer());
    }

    @Bean
    @ConditionalOnBean(IndexedMongoEventStorageEngine.class)
    EventsController lianfangEventsController(IndexedMongoEventStorageEngine engine, EventEntries entries,
                                              @Value("${lianfang.streams.settle:5s}") Duration settle,
                                              ObjectProvider<ChainVerifier> chainVerifier,
                                              ObjectProvider<EventUpcaster> upcasters) {
        // the engine is built with exactly these upcasters (LianfangAxonAutoConfiguration)
        return new EventsController(engine, entries, settle, chainVerifier.getIfAvailable(),
                upcasters.stream().findAny().isEmpty());
    }
}
