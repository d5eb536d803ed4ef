package org.lianfang.volunteer.volunteer.command;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.volunteer.ShiftId;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.contracts.volunteer.VolunteerKind;

/** The commands a volunteer's aggregate handles; the volunteer's own stream is their duty roster. */
public final class VolunteerCommands {

    private VolunteerCommands() {
    }

    /** Enrol a volunteer. */
    public record Enroll(@TargetAggregateIdentifier VolunteerId volunteerId, String communityId, String name,
                         String phone, VolunteerKind kind, List<String> skills, String pledgeLetter,
                         String enrolledBy) {
    }

    /** Put the volunteer on a shift (refused if it overlaps one they hold). */
    public record AssignToShift(@TargetAggregateIdentifier VolunteerId volunteerId, ShiftId shiftId,
                                CheckpointId checkpointId, Instant startsAt, Instant endsAt, String assignedBy) {
    }

    /** Take the volunteer off a shift they have not started. */
    public record UnassignFromShift(@TargetAggregateIdentifier VolunteerId volunteerId, ShiftId shiftId,
                                    String reason, String unassignedBy) {
    }

    /** The volunteer started duty; {@code at} null means now. */
    public record CheckIn(@TargetAggregateIdentifier VolunteerId volunteerId, ShiftId shiftId, Instant at,
                          String recordedBy) {
    }

    /** The volunteer ended duty; {@code at} null means now. */
    public record CheckOut(@TargetAggregateIdentifier VolunteerId volunteerId, ShiftId shiftId, Instant at,
                           String recordedBy) {
    }
}
