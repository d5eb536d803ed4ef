package org.lianfang.volunteer.volunteer.command;

import java.time.Instant;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.volunteer.ShiftId;

/** A shift a volunteer holds: where and when, and whether they came. */
public record Commitment(ShiftId shiftId, CheckpointId checkpointId, Instant startsAt, Instant endsAt,
                         Instant checkedInAt, Instant checkedOutAt) {

    Commitment checkedIn(Instant at) {
        return new Commitment(shiftId, checkpointId, startsAt, endsAt, at, checkedOutAt);
    }

    Commitment checkedOut(Instant at) {
        return new Commitment(shiftId, checkpointId, startsAt, endsAt, checkedInAt, at);
    }
}
