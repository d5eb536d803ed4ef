package org.lianfang.contracts.volunteer;

import java.time.Instant;
import org.lianfang.contracts.checkpoint.CheckpointId;

/** A volunteer ended duty on a shift at a checkpoint; pairs with {@link ShiftCheckedIn}. */
public record ShiftCheckedOut(
        ShiftId shiftId,
        CheckpointId checkpointId,
        VolunteerId volunteerId,
        Instant checkedOutAt,
        String recordedBy) {
}
