package org.lianfang.volunteer.shift.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.volunteer.ShiftId;

/** Plan a shift at a checkpoint. */
public record ScheduleShiftCommand(@TargetAggregateIdentifier ShiftId shiftId, CheckpointId checkpointId,
                                   String communityId, String compoundId, Instant startsAt, Instant endsAt,
                                   int requiredHeadcount, String scheduledBy) {
}
