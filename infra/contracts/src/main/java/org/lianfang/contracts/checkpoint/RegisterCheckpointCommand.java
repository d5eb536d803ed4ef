package org.lianfang.contracts.checkpoint;

import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set up a checkpoint. A compound under closed management (封闭管理) lets people out only with a
 * temporary pass, so its gates are registered with {@code passRequiredToGoOut}.
 *
 * @param compoundId the compound a gate guards; null for a road junction
 */
public record RegisterCheckpointCommand(
        @TargetAggregateIdentifier CheckpointId checkpointId,
        String communityId,
        String name,
        CheckpointKind kind,
        String location,
        String compoundId,
        boolean passRequiredToGoOut,
        String registeredBy,
        Instant registeredAt) {

    public RegisterCheckpointCommand {
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(communityId, "communityId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(registeredBy, "registeredBy");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }
}
