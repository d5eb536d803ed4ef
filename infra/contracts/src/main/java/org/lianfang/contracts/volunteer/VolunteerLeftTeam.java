package org.lianfang.contracts.volunteer;

import java.time.Instant;

/** A volunteer left a team; service after this no longer counts for it. */
public record VolunteerLeftTeam(String teamId, VolunteerId volunteerId, String recordedBy, Instant leftAt) {
}
