package org.lianfang.contracts.volunteer;

import java.time.Instant;
import org.lianfang.contracts.checkpoint.CheckpointId;

/** A volunteer was put on a shift; the volunteer's own stream holds it, so no two of them overlap. */
public record VolunteerAssignedToShift(
        VolunteerId volunteerId,
        ShiftId shiftId,
        CheckpointId checkpointId,
        Instant startsAt,
        Instant endsAt,
        String assignedBy,
        Instant assignedAt) {
}
