package org.lianfang.registry.person.command;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RegisterPersonCommand;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ResidentIdNumber;

class PersonTest {

    private static final PersonId ID = PersonId.of("p-1");
    private static final ResidentIdNumber NUMBER = new ResidentIdNumber("41132419800101123X");
    private static final Instant AT = Instant.parse("2020-01-25T08:30:00Z");

    private FixtureConfiguration<Person> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Person.class);
    }

    @Test
    void registeringAPersonRecordsWhatTheRegistrarWroteWithTheNameTrimmed() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPersonCommand(ID, "  张三 ", NUMBER, "13800000000", Origin.WUHAN,
                        LocalDate.of(2020, 1, 22), "安国小区", "1号楼", "自驾", RegistrationSource.COUNTY_LIST, AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PersonRegistered(ID, "张三", NUMBER, "13800000000", Origin.WUHAN,
                        LocalDate.of(2020, 1, 22), "安国小区", "1号楼", "自驾", RegistrationSource.COUNTY_LIST, AT));
    }
}
