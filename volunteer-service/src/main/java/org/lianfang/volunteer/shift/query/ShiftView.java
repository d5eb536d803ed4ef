package org.lianfang.volunteer.shift.query;

import java.time.Instant;
import java.util.List;

/**
 * A shift with who is on it and whether they came.
 *
 * @param assignments the volunteers on the shift, in the order they were put on it
 */
public record ShiftView(String id, String checkpointId, String communityId, String compoundId, Instant startsAt,
                        Instant endsAt, int requiredHeadcount, List<Assignment> assignments, String scheduledBy,
                        Instant scheduledAt) {

    /** One volunteer on the shift; check-in and check-out are null until recorded. */
    public record Assignment(String volunteerId, String volunteerName, Instant assignedAt, Instant checkedInAt,
                             Instant checkedOutAt) {
    }
}
