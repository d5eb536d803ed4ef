package org.lianfang.contracts.volunteer;

import java.time.Instant;

/** A volunteer joined a team; from now on their service counts for it too. */
public record VolunteerJoinedTeam(String teamId, VolunteerId volunteerId, String recordedBy, Instant joinedAt) {
}
