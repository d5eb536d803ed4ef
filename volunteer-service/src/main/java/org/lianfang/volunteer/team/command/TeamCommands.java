package org.lianfang.volunteer.team.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.volunteer.TeamKind;
import org.lianfang.contracts.volunteer.VolunteerId;

/** The commands a team handles. */
public final class TeamCommands {

    private TeamCommands() {
    }

    /** Form a team; its leader is its first member. */
    public record Form(@TargetAggregateIdentifier String teamId, String communityId, String name, TeamKind kind,
                       VolunteerId leaderId, String formedBy) {
    }

    /** A volunteer joins (a member joining again changes nothing). */
    public record Join(@TargetAggregateIdentifier String teamId, VolunteerId volunteerId, String recordedBy) {
    }

    /** A member leaves; the leader cannot. */
    public record Leave(@TargetAggregateIdentifier String teamId, VolunteerId volunteerId, String recordedBy) {
    }
}
