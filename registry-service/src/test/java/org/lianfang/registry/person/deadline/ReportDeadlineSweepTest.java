package org.lianfang.registry.person.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.registry.CheckReportDeadlineCommand;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonDetailsCorrected;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.devstore.DevStore;
import org.lianfang.registry.person.colour.ColourRuleParameters;
import org.lianfang.registry.person.colour.ColourRulesInForce;
import org.lianfang.registry.person.colour.RiskColourPolicy;

class ReportDeadlineSweepTest {

    /** Arrival 2020-01-24 in Asia/Shanghai: the deadline is 2020-01-24T16:00Z. */
    private static final Instant DEADLINE = Instant.parse("2020-01-24T16:00:00Z");
    private static final RiskColourPolicy POLICY = new RiskColourPolicy(ColourRuleParameters.DEFAULTS);

    private DevStore server;
    private MongoClient client;
    private MongoDatabase database;
    private ReportDeadlineSchedule schedule;
    private CommandGateway commands;

    @BeforeEach
    void start() {
        server = DevStore.memory();
        client = MongoClients.create(server.uri());
        database = client.getDatabase("lianfang_registry");
        schedule = new ReportDeadlineSchedule(database, () -> POLICY);
        commands = mock(CommandGateway.class);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void aCountyListReturneeIsAskedOnceTheirDeadlineMinuteHasPassed() {
        schedule.on(registered("p-1", Origin.WUHAN, RegistrationSource.COUNTY_LIST));

        assertThat(sweepAt(DEADLINE.plusSeconds(59))).isZero();
        verify(commands, never()).sendAndWait(any());

        assertThat(sweepAt(DEADLINE.plusSeconds(60))).isEqualTo(1);
        verify(commands).sendAndWait(new CheckReportDeadlineCommand(PersonId.of("p-1"), DEADLINE.plusSeconds(60)));
        assertThat(schedule.pendingBuckets()).isEmpty();
        assertThat(sweepAt(DEADLINE.plusSeconds(600))).isZero();
    }

    @Test
    void selfReportedAndGreenPeopleHaveNoDeadlineToWatch() {
        schedule.on(registered("p-1", Origin.WUHAN, RegistrationSource.SELF_REPORTED));
        schedule.on(registered("p-2", Origin.ELSEWHERE, RegistrationSource.COUNTY_LIST));

        assertThat(schedule.pendingBuckets()).isEmpty();
    }

    @Test
    void aCorrectionThatMakesSomeoneAHubeiReturneeSchedulesThem() {
        schedule.on(registered("p-2", Origin.ELSEWHERE, RegistrationSource.COUNTY_LIST));

        schedule.on(new PersonDetailsCorrected(PersonId.of("p-2"), List.of("origin"), null, null, Origin.HUBEI_OTHER,
                null, null, null, null, null, "registrar-2", DEADLINE.minusSeconds(3600)));

        assertThat(schedule.pendingBuckets()).containsExactly(DEADLINE);
        assertThat(schedule.personsIn(DEADLINE)).containsExactly("p-2");
    }

    @Test
    void aRedeliveredRegistrationSchedulesNobodyTwice() {
        PersonRegistered event = registered("p-1", Origin.WUHAN, RegistrationSource.COUNTY_LIST);
        schedule.on(event);
        schedule.on(event);

        assertThat(schedule.pendingBuckets()).containsExactly(DEADLINE);
        assertThat(schedule.personsIn(DEADLINE)).containsExactly("p-1");
    }

    @Test
    void aFailedCheckKeepsTheBucketForTheNextSweep() {
        schedule.on(registered("p-1", Origin.WUHAN, RegistrationSource.COUNTY_LIST));
        when(commands.sendAndWait(any())).thenThrow(new IllegalStateException("store down"));

        assertThat(sweepAt(DEADLINE.plusSeconds(120))).isZero();

        assertThat(schedule.pendingBuckets()).containsExactly(DEADLINE);
    }

    private int sweepAt(Instant now) {
        return new ReportDeadlineSweep(schedule, commands, Clock.fixed(now, ZoneOffset.UTC)).sweep();
    }

    private static PersonRegistered registered(String id, Origin origin, RegistrationSource source) {
        return new PersonRegistered(PersonId.of(id), "某人", new ResidentIdNumber("41132419800101123X"), null, origin,
                LocalDate.of(2020, 1, 24), null, null, null, source, Instant.parse("2020-01-24T01:00:00Z"), null,
                "registrar-1");
    }
}
