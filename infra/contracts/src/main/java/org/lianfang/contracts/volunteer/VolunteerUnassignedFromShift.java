package org.lianfang.contracts.volunteer;

import java.time.Instant;

/** A volunteer was taken off a shift before checking in. */
public record VolunteerUnassignedFromShift(VolunteerId volunteerId, ShiftId shiftId, String reason,
        String unassignedBy, Instant unassignedAt) {
}
