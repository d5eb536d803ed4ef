package org.lianfang.contracts.checkpoint;

import java.time.Instant;

/** A pass was revoked: every exit shown with it from now on is denied. */
public record PassRevoked(String passId, String reason, String revokedBy, Instant revokedAt) {
}
