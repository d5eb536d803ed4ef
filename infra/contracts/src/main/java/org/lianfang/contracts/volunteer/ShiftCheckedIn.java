package org.lianfang.contracts.volunteer;

import java.time.Instant;
import org.lianfang.contracts.checkpoint.CheckpointId;

/**
 * A volunteer started duty on a shift at a checkpoint. Published: checkpoint-service learns who
 * was on duty when (for contact tracing).
 */
public record ShiftCheckedIn(
        ShiftId shiftId,
        CheckpointId checkpointId,
        VolunteerId volunteerId,
        String volunteerName,
        Instant checkedInAt,
        String recordedBy) {
}
