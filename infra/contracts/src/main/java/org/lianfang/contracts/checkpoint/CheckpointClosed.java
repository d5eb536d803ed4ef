package org.lianfang.contracts.checkpoint;

import java.time.Instant;

/** A checkpoint stopped operating; a crossing recorded there is refused until it opens again. */
public record CheckpointClosed(CheckpointId checkpointId, String reason, String closedBy, Instant closedAt) {
}
