package org.lianfang.contracts.checkpoint;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke a pass; revoking a revoked pass changes nothing. */
public record RevokePassCommand(@TargetAggregateIdentifier String passId, String reason, String revokedBy,
                                Instant revokedAt) {
}
