package org.lianfang.gateway.security;

import java.time.Instant;
import java.util.List;

/**
 * A system allowed to call the API: its role and jurisdiction. Its keys are stored only as hashes;
 * {@code keyPrefix} (the first characters of the current key) lets people tell keys apart.
 *
 * @param communityId the community it acts for, or {@code *} for every community
 * @param compounds   if not empty, the compounds it is limited to
 * @param revokedAt   when it was revoked; a revoked client's keys no longer work
 */
public record ApiClient(
        String id,
        String name,
        String role,
        String communityId,
        List<String> compounds,
        String keyPrefix,
        Instant createdAt,
        String createdBy,
        Instant revokedAt) {

    public ApiClient {
        compounds = compounds == null ? List.of() : List.copyOf(compounds);
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
