package org.lianfang.contracts.checkpoint;

import java.time.Instant;

/** A checkpoint started operating; crossings are recorded only while it is open. */
public record CheckpointOpened(CheckpointId checkpointId, String openedBy, Instant openedAt) {
}
