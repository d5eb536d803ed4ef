package org.lianfang.contracts.checkpoint;

import java.time.Instant;

/**
 * A checkpoint was set up. Published: volunteer-service schedules shifts at checkpoints.
 *
 * @param compoundId the compound a gate guards; null for a road junction
 */
public record CheckpointRegistered(
        CheckpointId checkpointId,
        String communityId,
        String name,
        CheckpointKind kind,
        String location,
        String compoundId,
        String registeredBy,
        Instant registeredAt) {
}
