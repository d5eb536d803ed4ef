package org.lianfang.contracts.checkpoint;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop operating a checkpoint; closing a closed checkpoint changes nothing. */
public record CloseCheckpointCommand(@TargetAggregateIdentifier CheckpointId checkpointId, String reason,
                                     String closedBy, Instant closedAt) {
}
