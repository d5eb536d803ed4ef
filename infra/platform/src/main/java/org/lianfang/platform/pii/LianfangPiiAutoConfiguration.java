package org.lianfang.platform.pii;

import org.lianfang.platform.LianfangProperties;
import org.lianfang.platform.mongo.LianfangMongoAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** A {@link PiiHasher} for services that configure {@code lianfang.pii.hash-key}. */
@AutoConfiguration(after = LianfangMongoAutoConfiguration.class)
@ConditionalOnProperty(prefix = "lianfang.pii", name = "hash-key")
public class LianfangPiiAutoConfiguration {

    @Bean
    PiiHasher piiHasher(LianfangProperties properties) {
        return new PiiHasher(properties.pii().hashKey());
    }
}
