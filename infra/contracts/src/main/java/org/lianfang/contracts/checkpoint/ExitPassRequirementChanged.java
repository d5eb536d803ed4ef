package org.lianfang.contracts.checkpoint;

import java.time.Instant;

/**
 * Going out at this checkpoint now needs (or no longer needs) a valid temporary pass (临时通行证):
 * closed management of the compound it guards started or was lifted. Also applied right after
 * {@link CheckpointRegistered} for a gate registered under closed management.
 */
public record ExitPassRequirementChanged(CheckpointId checkpointId, boolean passRequired, String changedBy,
                                         Instant changedAt) {
}
