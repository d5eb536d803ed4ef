package org.lianfang.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Finds the client behind an API key. Look-ups are cached for a few seconds (keyed by the key's
 * hash, never the key), which bounds how long a revoked key keeps working. A bootstrap admin key
 * from configuration lets an operator create the first clients; it is compared, never stored.
 */
public class Authenticator {

    /** The subject of the bootstrap admin key. */
    public static final String BOOTSTRAP_ADMIN = "bootstrap-admin";

    private final ApiClientStore store;
    private final byte[] bootstrapAdminHash;
    private final Cache<String, Optional<ApiClient>> cache;

    public Authenticator(ApiClientStore store, String bootstrapAdminKey, Duration cacheTtl) {
        this.store = store;
        this.bootstrapAdminHash = bootstrapAdminKey == null || bootstrapAdminKey.isBlank() ? null
                : ApiKeys.hash(bootstrapAdminKey).getBytes(StandardCharsets.UTF_8);
        this.cache = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(10_000).build();
    }

    /** Blocking: call it off the event loop. */
    public Optional<ApiClient> authenticate(String key) {
        String hash = ApiKeys.hash(key);
        if (bootstrapAdminHash != null
                && MessageDigest.isEqual(bootstrapAdminHash, hash.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(new ApiClient(BOOTSTRAP_ADMIN, "bootstrap admin (configuration)", "admin", "*",
                    List.of(), ApiKeys.displayPrefix(key), Instant.EPOCH, "configuration", null));
        }
        return cache.get(hash, h -> store.authenticate(key));
    }

    /** Forgets cached look-ups, e.g. right after a revocation made through this gateway. */
    public void invalidateAll() {
        cache.invalidateAll();
    }
}
