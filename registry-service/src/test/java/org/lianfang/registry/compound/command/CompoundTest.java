package org.lianfang.registry.compound.command;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.contracts.registry.AssignGridRoleCommand;
import org.lianfang.contracts.registry.CompoundRegistered;
import org.lianfang.contracts.registry.GridRole;
import org.lianfang.contracts.registry.GridRoleAssigned;
import org.lianfang.contracts.registry.GridRoleRemoved;
import org.lianfang.contracts.registry.RegisterCompoundCommand;
import org.lianfang.contracts.registry.RemoveGridRoleCommand;

/** The grid's 一长三员, one test per rule. */
class CompoundTest {

    private static final String ID = "compound-1";
    private static final Instant AT = Instant.parse("2020-01-25T08:00:00Z");
    private static final CompoundRegistered REGISTERED = new CompoundRegistered(ID, "安国小区", "安国路社区", "admin", AT);

    private FixtureConfiguration<Compound> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Compound.class);
    }

    @Test
    void registeringACompoundRecordsItsTrimmedNameAndCommunity() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCompoundCommand(ID, " 安国小区 ", "安国路社区 ", "admin", AT))
                .expectEvents(REGISTERED);
    }

    @Test
    void assigningARoleRecordsWhoHeldItBefore() {
        fixture.given(REGISTERED, new GridRoleAssigned(ID, GridRole.GRID_LEADER, "王书记", null, "admin", AT))
                .when(new AssignGridRoleCommand(ID, GridRole.GRID_LEADER, "李主任", "admin", AT.plusSeconds(60)))
                .expectEvents(new GridRoleAssigned(ID, GridRole.GRID_LEADER, "李主任", "王书记", "admin",
                        AT.plusSeconds(60)));
    }

    @Test
    void assigningARoleToWhoeverHoldsItChangesNothing() {
        fixture.given(REGISTERED, new GridRoleAssigned(ID, GridRole.TEMPERATURE_MEDIC, "张医生", null, "admin", AT))
                .when(new AssignGridRoleCommand(ID, GridRole.TEMPERATURE_MEDIC, " 张医生", "admin", AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theGridLeaderCannotBeRemovedOnlyReplaced() {
        fixture.given(REGISTERED, new GridRoleAssigned(ID, GridRole.GRID_LEADER, "王书记", null, "admin", AT))
                .when(new RemoveGridRoleCommand(ID, GridRole.GRID_LEADER, "admin", AT))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("grid leader"))
                .expectNoEvents();
    }

    @Test
    void anotherRoleCanBeLeftVacant() {
        fixture.given(REGISTERED, new GridRoleAssigned(ID, GridRole.SUPPLIES_BUYER, "赵师傅", null, "admin", AT))
                .when(new RemoveGridRoleCommand(ID, GridRole.SUPPLIES_BUYER, "admin", AT))
                .expectEvents(new GridRoleRemoved(ID, GridRole.SUPPLIES_BUYER, "赵师傅", "admin", AT));
    }

    @Test
    void aVacantRoleCannotBeRemoved() {
        fixture.given(REGISTERED)
                .when(new RemoveGridRoleCommand(ID, GridRole.RETURNEE_REGISTRAR, "admin", AT))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }
}
