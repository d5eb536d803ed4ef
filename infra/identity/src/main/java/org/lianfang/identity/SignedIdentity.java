package org.lianfang.identity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Who a request runs under, as the gateway authenticated it, bound to that one request (method and
 * path) and valid for a short time, so a header captured from one request cannot be replayed for
 * another or later.
 *
 * @param subject     the authenticated client or user (never a key)
 * @param role        the role name (operator, medic, auditor, county, admin)
 * @param communityId the caller's jurisdiction: a community id or {@code *}
 * @param compounds   compounds the caller is limited to within its community; empty = all
 * @param method      the HTTP method of the request it was issued for
 * @param path        the raw path of the request it was issued for (without query)
 * @param expiresAt   after this instant the identity is refused
 */
public record SignedIdentity(
        String subject,
        String role,
        String communityId,
        List<String> compounds,
        String method,
        String path,
        Instant expiresAt) {

    public SignedIdentity {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(expiresAt, "expiresAt");
        compounds = compounds == null ? List.of() : List.copyOf(compounds);
    }
}
