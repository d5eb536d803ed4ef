package org.lianfang.platform.chain;

import com.mongodb.client.MongoDatabase;
import org.axonframework.serialization.Serializer;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.platform.LianfangProperties;
import org.lianfang.platform.axon.LianfangAxonAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Tamper evidence for every service: a hash chain over its own event store, and its verification. */
@AutoConfiguration(after = LianfangAxonAutoConfiguration.class)
@ConditionalOnBean(IndexedMongoEventStorageEngine.class)
@EnableConfigurationProperties(ChainProperties.class)
public class LianfangChainAutoConfiguration {

    @Bean
    StoredEvents chainStoredEvents(MongoDatabase serviceDatabase, @Qualifier("eventSerializer") Serializer eventSerializer) {
        return new StoredEvents(serviceDatabase, eventSerializer);
    }

    @Bean
    ChainStore chainStore(MongoDatabase serviceDatabase) {
        return new ChainStore(serviceDatabase);
    }

    @Bean
    EventChainer eventChainer(StoredEvents chainStoredEvents, ChainStore chainStore, ChainProperties properties) {
        return new EventChainer(chainStoredEvents, chainStore, properties);
    }

    @Bean
    ChainVerifier chainVerifier(StoredEvents chainStoredEvents, ChainStore chainStore) {
        return new ChainVerifier(chainStoredEvents, chainStore);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    ChainController lianfangChainController(ChainVerifier chainVerifier, ChainStore chainStore,
                                            LianfangProperties properties) {
        return new ChainController(chainVerifier, chainStore, properties.serviceName());
    }
}
