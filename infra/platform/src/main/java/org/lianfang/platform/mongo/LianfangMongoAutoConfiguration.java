package org.lianfang.platform.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.concurrent.TimeUnit;
import org.lianfang.platform.LianfangProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The one MongoDB client of a service and its own database. Timeouts are bounded so an
 * unreachable store is a clear failure within seconds, never a hang. Spring Boot's own Mongo
 * client backs off; nothing here creates a transaction manager (the embedded store has none).
 */
@AutoConfiguration(before = MongoAutoConfiguration.class)
@EnableConfigurationProperties(LianfangProperties.class)
public class LianfangMongoAutoConfiguration {

    /**
     * Customizers (e.g. Micrometer's command and pool listeners) run first, so that Spring Boot's
     * {@code spring.data.mongodb.*} defaults can never override {@code lianfang.mongodb.uri}.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    MongoClient mongoClient(LianfangProperties properties,
                            ObjectProvider<MongoClientSettingsBuilderCustomizer> customizers) {
        LianfangProperties.Mongodb mongo = properties.mongodb();
        MongoClientSettings.Builder settings = MongoClientSettings.builder();
        customizers.orderedStream().forEach(c -> c.customize(settings));
        settings.applyConnectionString(new ConnectionString(mongo.uri()))
                .applicationName("lianfang-" + properties.serviceName())
                .writeConcern(writeConcern(mongo.writeConcern()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(
                        mongo.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s
                        .connectTimeout((int) mongo.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout((int) mongo.socketTimeout().toMillis(), TimeUnit.MILLISECONDS));
        return MongoClients.create(settings.build());
    }

    /** The service's own database, {@code lianfang_<service-name>}. */
    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "serviceDatabase")
    MongoDatabase serviceDatabase(MongoClient client, LianfangProperties properties) {
        return client.getDatabase(properties.databaseName());
    }

    @Bean(name = "mongoHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("mongo")
    MongoPingHealthIndicator mongoPingHealthIndicator(MongoDatabase serviceDatabase) {
        return new MongoPingHealthIndicator(serviceDatabase);
    }

    /** {@code majority}, {@code w1}, {@code w2}, … or {@code acknowledged}. */
    public static WriteConcern writeConcern(String name) {
        WriteConcern concern = WriteConcern.valueOf(name.toUpperCase());
        if (concern == null) {
            throw new IllegalArgumentException("Unknown write concern '" + name
                    + "'; use majority, w1, w2, w3 or acknowledged");
        }
        return concern;
    }
}
