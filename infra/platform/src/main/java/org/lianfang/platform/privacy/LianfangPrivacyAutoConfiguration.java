package org.lianfang.platform.privacy;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.serialization.Serializer;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.platform.LianfangProperties;
import org.lianfang.platform.axon.LianfangAxonAutoConfiguration;
import org.lianfang.platform.idempotency.IdempotencyStore;
import org.lianfang.platform.mongo.LianfangMongoAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Crypto-shredding for services that configure {@code lianfang.privacy.master-key} (env
 * {@code LIANFANG_MASTER_KEY}): the event and
 * general serializers are wrapped in a {@link PersonalDataSerializer} (events, consumed events,
 * dead letters), person keys live in {@code lianfang.privacy.keys-database}, and the admin API
 * erases persons and lists those due for erasure.
 */
@AutoConfiguration(after = {LianfangMongoAutoConfiguration.class, LianfangAxonAutoConfiguration.class})
@Conditional(LianfangPrivacyAutoConfiguration.MasterKeyConfigured.class)
@EnableConfigurationProperties(PrivacyProperties.class)
public class LianfangPrivacyAutoConfiguration {

    @Bean
    SubjectKeys subjectKeys(MongoClient mongoClient, PrivacyProperties privacy, LianfangProperties properties,
                            ObjectProvider<Clock> clock) {
        WriteConcern writeConcern = LianfangMongoAutoConfiguration.writeConcern(properties.mongodb().writeConcern());
        MongoDatabase keys = mongoClient.getDatabase(privacy.keysDatabase()).withWriteConcern(writeConcern);
        return new SubjectKeys(keys, new MasterKey(privacy.masterKey()), privacy.keyCacheTtl(),
                clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * Wraps {@code eventSerializer} (events, consumed events) and {@code serializer} (dead letters),
     * and seals the responses kept for idempotent replays.
     */
    @Bean
    static BeanPostProcessor personalDataSerializers(ObjectProvider<SubjectKeys> keys,
                                                     ObjectProvider<LianfangProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof IdempotencyStore store) {
                    store.useSealer(new SubjectResponseSealer(keys.getObject(), properties.getObject().serviceName()));
                    return bean;
                }
                if (bean instanceof Serializer serializer && !(bean instanceof PersonalDataSerializer)
                        && ("eventSerializer".equals(beanName) || "serializer".equals(beanName))) {
                    return new PersonalDataSerializer(serializer, keys.getObject());
                }
                return bean;
            }
        };
    }

    @Bean
    RetentionLedger retentionLedger(MongoDatabase serviceDatabase) {
        return new RetentionLedger(serviceDatabase);
    }

    @Bean
    @ConditionalOnBean(IndexedMongoEventStorageEngine.class)
    Erasures erasures(IndexedMongoEventStorageEngine engine, MongoDatabase serviceDatabase, SubjectKeys keys,
                      RetentionLedger retentionLedger, EventGateway eventGateway, PrivacyProperties privacy,
                      ObjectProvider<Clock> clock) {
        return new Erasures(engine, serviceDatabase, keys, retentionLedger, eventGateway, privacy,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnBean(Erasures.class)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    PrivacyController lianfangPrivacyController(Erasures erasures, RetentionLedger retentionLedger,
                                                PrivacyProperties privacy, ObjectProvider<Clock> clock) {
        return new PrivacyController(erasures, retentionLedger, privacy, clock.getIfAvailable(Clock::systemUTC));
    }

    /** On when {@code lianfang.privacy.master-key} (or env {@code LIANFANG_MASTER_KEY}) is set and not blank. */
    static class MasterKeyConfigured extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String key = context.getEnvironment().getProperty("lianfang.privacy.master-key", "");
            return key.isBlank() ? ConditionOutcome.noMatch("lianfang.privacy.master-key is not set")
                    : ConditionOutcome.match("lianfang.privacy.master-key is set");
        }
    }
}
