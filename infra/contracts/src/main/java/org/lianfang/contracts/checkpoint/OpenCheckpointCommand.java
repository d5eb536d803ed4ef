package org.lianfang.contracts.checkpoint;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Start operating a checkpoint; opening an open checkpoint changes nothing. */
public record OpenCheckpointCommand(@TargetAggregateIdentifier CheckpointId checkpointId, String openedBy,
                                    Instant openedAt) {
}
