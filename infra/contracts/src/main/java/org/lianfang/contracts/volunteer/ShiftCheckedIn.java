package org.lianfang.contracts.volunteer;

import java.time.Instant;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.privacy.DataSubject;
import org.lianfang.contracts.privacy.PersonalData;

/**
 * A volunteer started duty on a shift at a checkpoint. Published: checkpoint-service learns who
 * was on duty when (for contact tracing).
 */
public record ShiftCheckedIn(
        ShiftId shiftId,
        CheckpointId checkpointId,
        @DataSubject VolunteerId volunteerId,
        @PersonalData String volunteerName,
        Instant checkedInAt,
        String recordedBy) {
}
