package org.lianfang.contracts.volunteer;

import java.time.Instant;

/** A team was formed with a leader, who is its first member. */
public record TeamFormed(
        String teamId,
        String communityId,
        String name,
        TeamKind kind,
        VolunteerId leaderId,
        String formedBy,
        Instant formedAt) {
}
