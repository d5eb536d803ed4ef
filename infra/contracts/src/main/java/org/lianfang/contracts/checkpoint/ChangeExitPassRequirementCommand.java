package org.lianfang.contracts.checkpoint;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Start or lift closed management at a gate: whether going out there needs a temporary pass. */
public record ChangeExitPassRequirementCommand(@TargetAggregateIdentifier CheckpointId checkpointId,
                                               boolean passRequired, String changedBy, Instant changedAt) {
}
