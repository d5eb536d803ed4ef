package org.lianfang.registry.household.command;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.registry.AddHouseholdMemberCommand;
import org.lianfang.contracts.registry.HouseholdMemberAdded;
import org.lianfang.contracts.registry.HouseholdRegistered;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.RegisterHouseholdCommand;

class HouseholdTest {

    private static final String ID = "household-1";
    private static final Instant AT = Instant.parse("2020-01-25T08:00:00Z");
    private static final HouseholdRegistered REGISTERED =
            new HouseholdRegistered(ID, "compound-1", "1号楼", null, "101", "registrar-1", AT);

    private FixtureConfiguration<Household> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Household.class);
    }

    @Test
    void aHouseholdIsRegisteredAtItsTrimmedAddressWithoutABlankUnit() {
        fixture.givenNoPriorActivity()
                .when(new RegisterHouseholdCommand(ID, "compound-1", " 1号楼", " ", "101 ", "registrar-1", AT))
                .expectEvents(REGISTERED);
    }

    @Test
    void aMemberIsAddedOnce() {
        fixture.given(REGISTERED)
                .when(new AddHouseholdMemberCommand(ID, PersonId.of("p-1"), "registrar-1", AT))
                .expectEvents(new HouseholdMemberAdded(ID, PersonId.of("p-1"), "registrar-1", AT));
        fixture.given(REGISTERED, new HouseholdMemberAdded(ID, PersonId.of("p-1"), "registrar-1", AT))
                .when(new AddHouseholdMemberCommand(ID, PersonId.of("p-1"), "registrar-2", AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
