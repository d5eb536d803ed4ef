package org.lianfang.checkpoint.checkpoints.query;

import java.time.Instant;
import org.lianfang.contracts.checkpoint.CheckpointKind;

/**
 * A checkpoint as it stands now.
 *
 * @param version the sequence number of its last event
 */
public record CheckpointView(String id, String communityId, String name, CheckpointKind kind, String location,
                             String compoundId, boolean open, boolean passRequiredToGoOut, String registeredBy,
                             Instant registeredAt, Instant lastOpenedAt, Instant lastClosedAt, String closeReason,
                             long version) {
}
