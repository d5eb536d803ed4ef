package org.lianfang.platform.privacy;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Crypto-shredding of personal data, under {@code lianfang.privacy.*}. Setting the master key
 * turns it on; every service of a suite must use the same master key and keys database.
 *
 * @param masterKey        wraps every person's key (env {@code LIANFANG_MASTER_KEY}); at least 32 random characters
 * @param keysDatabase     the database of the person keys, shared by all services
 * @param keyCacheTtl      how long a process keeps a person's key in memory (how late another
 *                         process notices an erasure)
 * @param retention        per purpose (e.g. {@code quarantine}), how long after it ended a person
 *                         must still be kept before erasure is allowed
 * @param defaultRetention for purposes not listed in {@code retention}
 */
@ConfigurationProperties("lianfang.privacy")
public record PrivacyProperties(
        String masterKey,
        @DefaultValue("lianfang_keys") String keysDatabase,
        @DefaultValue("60s") Duration keyCacheTtl,
        @DefaultValue Map<String, Duration> retention,
        @DefaultValue("30d") Duration defaultRetention) {

    /** The retention period of {@code purpose}. */
    public Duration retentionOf(String purpose) {
        return retention.getOrDefault(purpose, defaultRetention);
    }
}
