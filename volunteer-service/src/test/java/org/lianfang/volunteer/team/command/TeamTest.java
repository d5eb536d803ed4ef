package org.lianfang.volunteer.team.command;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.contracts.volunteer.TeamFormed;
import org.lianfang.contracts.volunteer.TeamKind;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.contracts.volunteer.VolunteerJoinedTeam;
import org.lianfang.contracts.volunteer.VolunteerLeftTeam;
import org.lianfang.testing.MutableClock;

/** One test per rule of a team. */
class TeamTest {

    private static final Instant NOW = Instant.parse("2020-02-01T02:00:00Z");
    private static final String TEAM = "team-1";
    private static final VolunteerId LEADER = VolunteerId.of("v-leader");
    private static final VolunteerId MEMBER = VolunteerId.of("v-member");

    private AggregateTestFixture<Team> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Team.class);
        fixture.registerInjectableResource(new MutableClock(NOW));
    }

    private static TeamFormed formed() {
        return new TeamFormed(TEAM, "anguo", "党员突击队一队", TeamKind.SHOCK_TEAM, LEADER, "op-1", NOW);
    }

    @Test
    void aTeamIsFormedWithItsLeader() {
        fixture.givenNoPriorActivity()
                .when(new TeamCommands.Form(TEAM, "anguo", "党员突击队一队", TeamKind.SHOCK_TEAM, LEADER, "op-1"))
                .expectEvents(formed());
    }

    @Test
    void aVolunteerJoinsOnce() {
        fixture.given(formed(), new VolunteerJoinedTeam(TEAM, MEMBER, "op-1", NOW))
                .when(new TeamCommands.Join(TEAM, MEMBER, "op-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theLeaderIsAlreadyAMember() {
        fixture.given(formed())
                .when(new TeamCommands.Join(TEAM, LEADER, "op-1"))
                .expectNoEvents();
    }

    @Test
    void aMemberLeaves() {
        fixture.given(formed(), new VolunteerJoinedTeam(TEAM, MEMBER, "op-1", NOW))
                .when(new TeamCommands.Leave(TEAM, MEMBER, "op-2"))
                .expectEvents(new VolunteerLeftTeam(TEAM, MEMBER, "op-2", NOW));
    }

    @Test
    void theLeaderCannotLeave() {
        fixture.given(formed())
                .when(new TeamCommands.Leave(TEAM, LEADER, "op-1"))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("leads team"));
    }

    @Test
    void aNonMemberCannotLeave() {
        fixture.given(formed(), new VolunteerJoinedTeam(TEAM, MEMBER, "op-1", NOW),
                        new VolunteerLeftTeam(TEAM, MEMBER, "op-1", NOW))
                .when(new TeamCommands.Leave(TEAM, MEMBER, "op-1"))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("not a member"));
    }
}
