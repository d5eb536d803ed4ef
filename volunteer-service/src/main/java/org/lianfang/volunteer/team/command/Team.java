package org.lianfang.volunteer.team.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.contracts.volunteer.TeamFormed;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.contracts.volunteer.VolunteerJoinedTeam;
import org.lianfang.contracts.volunteer.VolunteerLeftTeam;

/**
 * A team of volunteers (党员突击队, 雷锋连, the property team…) with a leader who is always a member:
 * a team without its leader would have nobody answering for it.
 */
@Aggregate
public class Team {

    public static final String NOT_A_MEMBER = "not-a-team-member";
    public static final String LEADER_CANNOT_LEAVE = "team-leader-cannot-leave";

    @AggregateIdentifier
    private String teamId;
    private VolunteerId leaderId;
    private final Set<VolunteerId> members = new HashSet<>();

    protected Team() {
    }

    @CommandHandler
    public Team(TeamCommands.Form command, Clock clock) {
        apply(new TeamFormed(command.teamId(), command.communityId(), command.name(), command.kind(),
                command.leaderId(), command.formedBy(), clock.instant()));
    }

    @CommandHandler
    void handle(TeamCommands.Join command, Clock clock) {
        if (members.contains(command.volunteerId())) {
            return;
        }
        apply(new VolunteerJoinedTeam(teamId, command.volunteerId(), command.recordedBy(), clock.instant()));
    }

    @CommandHandler
    void handle(TeamCommands.Leave command, Clock clock) {
        if (!members.contains(command.volunteerId())) {
            throw new RuleViolationException(NOT_A_MEMBER, "Volunteer " + command.volunteerId()
                    + " is not a member of team " + teamId + ".");
        }
        if (command.volunteerId().equals(leaderId)) {
            throw new RuleViolationException(LEADER_CANNOT_LEAVE, "Volunteer " + command.volunteerId()
                    + " leads team " + teamId + " and cannot leave it.");
        }
        apply(new VolunteerLeftTeam(teamId, command.volunteerId(), command.recordedBy(), clock.instant()));
    }

    @EventSourcingHandler
    void on(TeamFormed event) {
        teamId = event.teamId();
        leaderId = event.leaderId();
        members.add(event.leaderId());
    }

    @EventSourcingHandler
    void on(VolunteerJoinedTeam event) {
        members.add(event.volunteerId());
    }

    @EventSourcingHandler
    void on(VolunteerLeftTeam event) {
        members.remove(event.volunteerId());
    }
}
