package org.lianfang.contracts.volunteer;

import java.time.Instant;
import org.lianfang.contracts.checkpoint.CheckpointId;

/**
 * A shift at a checkpoint was planned so that its staff can rest: from {@code startsAt} to
 * {@code endsAt}, needing {@code requiredHeadcount} volunteers.
 *
 * @param compoundId the compound of a compound-gate checkpoint, else null
 */
public record ShiftScheduled(
        ShiftId shiftId,
        CheckpointId checkpointId,
        String communityId,
        String compoundId,
        Instant startsAt,
        Instant endsAt,
        int requiredHeadcount,
        String scheduledBy,
        Instant scheduledAt) {
}
