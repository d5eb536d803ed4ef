package org.lianfang.registry.person.command;

import static org.lianfang.contracts.registry.RiskColour.BLUE;
import static org.lianfang.contracts.registry.RiskColour.GREEN;
import static org.lianfang.contracts.registry.RiskColour.RED;
import static org.lianfang.contracts.registry.RiskColour.YELLOW;
import static org.lianfang.contracts.registry.TraceCallOutcome.REACHED;
import static org.lianfang.contracts.registry.TraceCallOutcome.REFUSED;
import static org.lianfang.contracts.registry.TraceCallOutcome.UNREACHABLE;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.contracts.registry.AdoptColourRulesCommand;
import org.lianfang.contracts.registry.CausingEvent;
import org.lianfang.contracts.registry.ColourRulesAdopted;
import org.lianfang.contracts.registry.CheckReportDeadlineCommand;
import org.lianfang.contracts.registry.ColourOverrideLifted;
import org.lianfang.contracts.registry.ColourOverrideSet;
import org.lianfang.contracts.quarantine.QuarantineKind;
import org.lianfang.contracts.registry.CorrectPersonDetailsCommand;
import org.lianfang.contracts.registry.FlagUnregisteredArrivalCommand;
import org.lianfang.contracts.registry.NoteQuarantineBreachCommand;
import org.lianfang.contracts.registry.NoteQuarantineEndedCommand;
import org.lianfang.contracts.registry.NoteQuarantineStartedCommand;
import org.lianfang.contracts.registry.QuarantineBreachNoted;
import org.lianfang.contracts.registry.QuarantineEndNoted;
import org.lianfang.contracts.registry.QuarantineEnding;
import org.lianfang.contracts.registry.QuarantineStartNoted;
import org.lianfang.contracts.registry.UnregisteredArrivalFlagged;
import org.lianfang.contracts.registry.LiftColourOverrideCommand;
import org.lianfang.contracts.registry.NoticeKind;
import org.lianfang.contracts.registry.NoticeSigned;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.OverrideColourCommand;
import org.lianfang.contracts.registry.PersonDeparted;
import org.lianfang.contracts.registry.PersonDetailsCorrected;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.PersonVerified;
import org.lianfang.contracts.registry.RecordDepartureCommand;
import org.lianfang.contracts.registry.RecordNoticeSignedCommand;
import org.lianfang.contracts.registry.RecordTraceCallCommand;
import org.lianfang.contracts.registry.RegisterPersonCommand;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ReportDeadlinePassed;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.contracts.registry.RiskColourChanged;
import org.lianfang.contracts.registry.TraceCallOutcome;
import org.lianfang.contracts.registry.TraceCallRecorded;
import org.lianfang.contracts.registry.VerifyPersonCommand;
import org.lianfang.registry.person.colour.ColourRule;
import org.lianfang.registry.person.colour.ColourRuleParameters;
import org.lianfang.registry.person.colour.ColourRulesInForce;
import org.lianfang.registry.person.colour.RiskColourPolicy;

/** The person's life as events, one test per rule; colours come from {@link RiskColourPolicy}. */
class PersonTest {

    private static final PersonId ID = PersonId.of("p-1");
    private static final ResidentIdNumber NUMBER = new ResidentIdNumber("41132419800101123X");
    private static final LocalDate ARRIVAL = LocalDate.of(2020, 1, 24);
    /** 24 h after the start of 2020-01-24 in Asia/Shanghai. */
    private static final Instant DEADLINE = Instant.parse("2020-01-24T16:00:00Z");
    private static final Instant AT = Instant.parse("2020-01-24T01:00:00Z");
    private static final Instant ENDS = Instant.parse("2020-02-06T16:00:00Z");
    private static final RiskColourPolicy POLICY = new RiskColourPolicy(ColourRuleParameters.DEFAULTS);

    private FixtureConfiguration<Person> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Person.class);
        fixture.registerInjectableResource((ColourRulesInForce) () -> POLICY);
        fixture.registerIgnoredField(RiskColourChanged.class, "reason");
    }

    @Test
    void registeringAWuhanReturneeInTimeRecordsTheTrimmedFactsAndMakesThemYellowOwnedByTheRegistrar() {
        fixture.givenNoPriorActivity()
                .when(register(Origin.WUHAN, RegistrationSource.SELF_REPORTED, AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered(Origin.WUHAN, RegistrationSource.SELF_REPORTED, AT),
                        changed(null, YELLOW, ColourRule.AWAITING_CONTACT, "registrar-1", "PersonRegistered", 0, AT));
    }

    @Test
    void registeringSomeoneFromElsewhereWithoutHubeiContactMakesThemGreen() {
        fixture.givenNoPriorActivity()
                .when(register(Origin.ELSEWHERE, RegistrationSource.SELF_REPORTED, AT))
                .expectEvents(registered(Origin.ELSEWHERE, RegistrationSource.SELF_REPORTED, AT),
                        changed(null, GREEN, ColourRule.NO_HUBEI_CONTACT, null, "PersonRegistered", 0, AT));
    }

    @Test
    void aWuhanReturneeReportingAfterTheDeadlineIsRed() {
        Instant late = DEADLINE.plusSeconds(1);
        fixture.givenNoPriorActivity()
                .when(register(Origin.WUHAN, RegistrationSource.SELF_REPORTED, late))
                .expectEvents(registered(Origin.WUHAN, RegistrationSource.SELF_REPORTED, late),
                        changed(null, RED, ColourRule.NOT_REPORTED_IN_TIME, null, "PersonRegistered", 0, late));
    }

    @Test
    void twoUnreachableCallsChangeNoColour() {
        fixture.given(yellowWuhanReturnee())
                .andGiven(call(UNREACHABLE, 1))
                .when(callCommand(UNREACHABLE, 2))
                .expectEvents(call(UNREACHABLE, 2));
    }

    @Test
    void theThirdUnreachableCallMakesThemRedCausedByThatCall() {
        fixture.given(yellowWuhanReturnee())
                .andGiven(call(UNREACHABLE, 1), call(UNREACHABLE, 2))
                .when(callCommand(UNREACHABLE, 3))
                .expectEvents(call(UNREACHABLE, 3), changed(YELLOW, RED, ColourRule.UNREACHABLE, null,
                        "TraceCallRecorded", 4, minutes(3)));
    }

    @Test
    void aNewRulesVersionThatChangesTheColourIsAdoptedAndCausesTheChange() {
        AdoptColourRulesCommand strict = adopt("v2", 2);
        fixture.given(yellowWuhanReturnee())
                .andGiven(call(UNREACHABLE, 1), call(UNREACHABLE, 2))
                .when(strict)
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.notNullValue())
                .expectEvents(new ColourRulesAdopted(ID, "v2", "rules-event-1", minutes(10)),
                        new RiskColourChanged(ID, YELLOW, RED, ColourRule.UNREACHABLE.name(), "v2", "(ignored)",
                                RiskColourPolicy.ownerOf(RED, null), new CausingEvent("ColourRulesAdopted", 4),
                                minutes(10)));
    }

    @Test
    void aNewRulesVersionThatLeavesTheColourAloneRecordsNothing() {
        fixture.given(yellowWuhanReturnee())
                .andGiven(call(UNREACHABLE, 1))
                .when(adopt("v2", 2))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(null)
                .expectNoEvents();
    }

    @Test
    void adoptingTheSameVersionTwiceChangesNothingTwiceAndAnswersTheSameChange() {
        RiskColourChanged red = new RiskColourChanged(ID, YELLOW, RED, ColourRule.UNREACHABLE.name(), "v2", "2 calls",
                RiskColourPolicy.ownerOf(RED, null), new CausingEvent("ColourRulesAdopted", 4), minutes(10));
        fixture.given(yellowWuhanReturnee())
                .andGiven(call(UNREACHABLE, 1), call(UNREACHABLE, 2),
                        new ColourRulesAdopted(ID, "v2", "rules-event-1", minutes(10)), red)
                .when(adopt("v2", 2))
                .expectNoEvents()
                .expectResultMessagePayload(red);
    }

    @Test
    void laterDecisionsUseTheRulesInForce() {
        RiskColourPolicy strict = new RiskColourPolicy(new ColourRuleParameters(Duration.ofHours(24), 2,
                ColourRuleParameters.DEFAULTS.zone(), "v2"));
        fixture = new AggregateTestFixture<>(Person.class);
        fixture.registerInjectableResource((ColourRulesInForce) () -> strict);
        fixture.registerIgnoredField(RiskColourChanged.class, "reason");
        fixture.given(yellowWuhanReturnee())
                .andGiven(call(UNREACHABLE, 1))
                .when(callCommand(UNREACHABLE, 2))
                .expectEvents(call(UNREACHABLE, 2), new RiskColourChanged(ID, YELLOW, RED,
                        ColourRule.UNREACHABLE.name(), "v2", "(ignored)", RiskColourPolicy.ownerOf(RED, null),
                        new CausingEvent("TraceCallRecorded", 3), minutes(2)));
    }

    private static AdoptColourRulesCommand adopt(String version, int attempts) {
        return new AdoptColourRulesCommand(ID, version, Duration.ofHours(24), attempts,
                ColourRuleParameters.DEFAULTS.zone().getId(), "rules-event-1", minutes(10));
    }

    @Test
    void refusingMakesThemRed() {
        fixture.given(yellowWuhanReturnee())
                .when(callCommand(REFUSED, 1))
                .expectEvents(call(REFUSED, 1), changed(YELLOW, RED, ColourRule.REFUSED, null,
                        "TraceCallRecorded", 2, minutes(1)));
    }

    @Test
    void reachingSomeoneRedForBeingUnreachableMakesThemYellowOwnedByTheCaller() {
        fixture.given(yellowWuhanReturnee())
                .andGiven(call(UNREACHABLE, 1), call(UNREACHABLE, 2), call(UNREACHABLE, 3),
                        changed(YELLOW, RED, ColourRule.UNREACHABLE, null, "TraceCallRecorded", 4, minutes(3)))
                .when(callCommand(REACHED, 4))
                .expectEvents(call(REACHED, 4), changed(RED, YELLOW, ColourRule.REACHED_BEING_VERIFIED,
                        "caller-4", "TraceCallRecorded", 6, minutes(4)));
    }

    @Test
    void verifiedInHomeQuarantineIsBlue() {
        fixture.given(yellowWuhanReturnee())
                .when(new VerifyPersonCommand(ID, true, "verifier-1", minutes(10)))
                .expectEvents(new PersonVerified(ID, true, "verifier-1", minutes(10)),
                        changed(YELLOW, BLUE, ColourRule.VERIFIED_IN_HOME_QUARANTINE, null, "PersonVerified", 2,
                                minutes(10)));
    }

    @Test
    void verifiedButNotInQuarantineStaysYellowWithTheVerifierAsOwner() {
        fixture.given(yellowWuhanReturnee())
                .when(new VerifyPersonCommand(ID, false, "verifier-1", minutes(10)))
                .expectEvents(new PersonVerified(ID, false, "verifier-1", minutes(10)),
                        changed(YELLOW, YELLOW, ColourRule.REACHED_BEING_VERIFIED, "verifier-1", "PersonVerified",
                                2, minutes(10)));
    }

    @Test
    void departingMakesThemBlue() {
        fixture.given(yellowWuhanReturnee())
                .when(new RecordDepartureCommand(ID, " 郑州 ", "grid-1", minutes(20)))
                .expectEvents(new PersonDeparted(ID, "郑州", "grid-1", minutes(20)),
                        changed(YELLOW, BLUE, ColourRule.DEPARTED, null, "PersonDeparted", 2, minutes(20)));
    }

    @Test
    void aDepartedPersonCannotDepartAgainNorBeVerified() {
        fixture.given(yellowWuhanReturnee())
                .andGiven(new PersonDeparted(ID, "郑州", "grid-1", minutes(20)))
                .when(new RecordDepartureCommand(ID, "南阳", "grid-1", minutes(30)))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
        fixture.given(yellowWuhanReturnee())
                .andGiven(new PersonDeparted(ID, "郑州", "grid-1", minutes(20)))
                .when(new VerifyPersonCommand(ID, true, "verifier-1", minutes(30)))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void signingALetterIsRecordedOnceAndChangesNoColour() {
        fixture.given(yellowWuhanReturnee())
                .when(new RecordNoticeSignedCommand(ID, NoticeKind.COMMITMENT, "registrar-1", minutes(5)))
                .expectEvents(new NoticeSigned(ID, NoticeKind.COMMITMENT, "registrar-1", minutes(5)));
        fixture.given(yellowWuhanReturnee())
                .andGiven(new NoticeSigned(ID, NoticeKind.COMMITMENT, "registrar-1", minutes(5)))
                .when(new RecordNoticeSignedCommand(ID, NoticeKind.COMMITMENT, "registrar-1", minutes(6)))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void registeringTheSameFactsAgainCorrectsNothing() {
        fixture.given(yellowWuhanReturnee())
                .when(new CorrectPersonDetailsCommand(ID, "张三", "13800000000", Origin.WUHAN, ARRIVAL, "安国小区",
                        null, null, null, "registrar-2", minutes(5)))
                .expectNoEvents()
                .expectResultMessagePayload(List.of());
    }

    @Test
    void conflictingFactsAreACorrectionOfTheChangedFieldsAndTheColourFollows() {
        fixture.given(registered(Origin.ELSEWHERE, RegistrationSource.SELF_REPORTED, AT),
                        changed(null, GREEN, ColourRule.NO_HUBEI_CONTACT, null, "PersonRegistered", 0, AT))
                .when(new CorrectPersonDetailsCommand(ID, "张三丰", "13800000000", Origin.WUHAN, ARRIVAL, null,
                        null, null, null, "registrar-2", minutes(5)))
                .expectResultMessagePayload(List.of("name", "origin"))
                .expectEvents(new PersonDetailsCorrected(ID, List.of("name", "origin"), "张三丰", null, Origin.WUHAN,
                                null, null, null, null, null, "registrar-2", minutes(5)),
                        changed(GREEN, YELLOW, ColourRule.AWAITING_CONTACT, "registrar-1", "PersonDetailsCorrected",
                                2, minutes(5)));
    }

    @Test
    void aManualColourHoldsUntilLiftedAndThenTheRulesDecideAgain() {
        fixture.given(yellowWuhanReturnee())
                .when(new OverrideColourCommand(ID, RED, " 拒不配合 ", "secretary-1", minutes(7)))
                .expectEvents(new ColourOverrideSet(ID, RED, "拒不配合", "secretary-1", minutes(7)),
                        changed(YELLOW, RED, ColourRule.MANUAL_OVERRIDE, null, "ColourOverrideSet", 2, minutes(7)));
        fixture.given(yellowWuhanReturnee())
                .andGiven(new ColourOverrideSet(ID, RED, "拒不配合", "secretary-1", minutes(7)),
                        changed(YELLOW, RED, ColourRule.MANUAL_OVERRIDE, null, "ColourOverrideSet", 2, minutes(7)))
                .andGivenCommands(callCommand(REACHED, 8))
                .when(new LiftColourOverrideCommand(ID, "配合了", "secretary-1", minutes(9)))
                .expectEvents(new ColourOverrideLifted(ID, "配合了", "secretary-1", minutes(9)),
                        changed(RED, YELLOW, ColourRule.REACHED_BEING_VERIFIED, "caller-8", "ColourOverrideLifted",
                                5, minutes(9)));
    }

    @Test
    void aManualColourCannotBeSetTwiceToTheSameColourNorLiftedWhenThereIsNone() {
        fixture.given(yellowWuhanReturnee())
                .when(new LiftColourOverrideCommand(ID, "none", "secretary-1", minutes(9)))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
        fixture.given(yellowWuhanReturnee())
                .andGiven(new ColourOverrideSet(ID, RED, "拒不配合", "secretary-1", minutes(7)))
                .when(new OverrideColourCommand(ID, RED, "again", "secretary-1", minutes(8)))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void aCountyListPersonNotReachedByTheDeadlineTurnsRedWhenTheSweepAsks() {
        fixture.given(registered(Origin.WUHAN, RegistrationSource.COUNTY_LIST, AT),
                        changed(null, YELLOW, ColourRule.AWAITING_CONTACT, "registrar-1", "PersonRegistered", 0, AT))
                .when(new CheckReportDeadlineCommand(ID, DEADLINE.plusSeconds(30)))
                .expectEvents(new ReportDeadlinePassed(ID, DEADLINE, DEADLINE.plusSeconds(30)),
                        changed(YELLOW, RED, ColourRule.NOT_REPORTED_IN_TIME, null, "ReportDeadlinePassed", 2,
                                DEADLINE.plusSeconds(30)));
    }

    @Test
    void theSweepAskingEarlyTwiceOrAfterContactChangesNothing() {
        fixture.given(registered(Origin.WUHAN, RegistrationSource.COUNTY_LIST, AT))
                .when(new CheckReportDeadlineCommand(ID, DEADLINE))
                .expectNoEvents();
        fixture.given(registered(Origin.WUHAN, RegistrationSource.COUNTY_LIST, AT),
                        new ReportDeadlinePassed(ID, DEADLINE, DEADLINE.plusSeconds(30)))
                .when(new CheckReportDeadlineCommand(ID, DEADLINE.plusSeconds(90)))
                .expectNoEvents();
        fixture.given(registered(Origin.WUHAN, RegistrationSource.COUNTY_LIST, AT), call(REACHED, 1))
                .when(new CheckReportDeadlineCommand(ID, DEADLINE.plusSeconds(90)))
                .expectNoEvents();
        fixture.given(yellowWuhanReturnee())
                .when(new CheckReportDeadlineCommand(ID, DEADLINE.plusSeconds(90)))
                .expectNoEvents();
    }

    @Test
    void theSweepRecordsNothingForSomeoneAlreadyRedForAStrongerRule() {
        fixture.given(registered(Origin.WUHAN, RegistrationSource.COUNTY_LIST, AT),
                        changed(null, YELLOW, ColourRule.AWAITING_CONTACT, "registrar-1", "PersonRegistered", 0, AT),
                        call(REFUSED, 1),
                        changed(YELLOW, RED, ColourRule.REFUSED, null, "TraceCallRecorded", 2, minutes(1)))
                .when(new CheckReportDeadlineCommand(ID, DEADLINE.plusSeconds(90)))
                .expectNoEvents();
    }

    @Test
    void aQuarantineStartedByQuarantineServiceMakesThemBlueCausedByTheNote() {
        fixture.given(yellowWuhanReturnee())
                .when(new NoteQuarantineStartedCommand(ID, "case-1", QuarantineKind.HOME, ENDS, "q-event-1", minutes(5)))
                .expectEvents(new QuarantineStartNoted(ID, "case-1", QuarantineKind.HOME, ENDS, "q-event-1", minutes(5)),
                        changed(YELLOW, BLUE, ColourRule.IN_QUARANTINE, null, "QuarantineStartNoted", 2, minutes(5)));
    }

    @Test
    void theSameCaseStartedTwiceIsNotedOnce() {
        fixture.given(yellowWuhanReturnee())
                .andGiven(new QuarantineStartNoted(ID, "case-1", QuarantineKind.HOME, ENDS, "q-event-1", minutes(5)))
                .when(new NoteQuarantineStartedCommand(ID, "case-1", QuarantineKind.HOME, ENDS, "q-event-1", minutes(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theEndOfTheCaseLetsTheRulesDecideAgainGreen() {
        fixture.given(yellowWuhanReturnee())
                .andGiven(new QuarantineStartNoted(ID, "case-1", QuarantineKind.HOME, ENDS, "q-event-1", minutes(5)),
                        changed(YELLOW, BLUE, ColourRule.IN_QUARANTINE, null, "QuarantineStartNoted", 2, minutes(5)))
                .when(new NoteQuarantineEndedCommand(ID, "case-1", QuarantineEnding.COMPLETED, "served", "q-event-2",
                        ENDS))
                .expectEvents(new QuarantineEndNoted(ID, "case-1", QuarantineEnding.COMPLETED, "served", "q-event-2",
                                ENDS),
                        changed(BLUE, GREEN, ColourRule.QUARANTINE_ENDED, null, "QuarantineEndNoted", 4, ENDS));
    }

    @Test
    void anEndOfAnUnknownOrAlreadyEndedCaseChangesNothing() {
        fixture.given(yellowWuhanReturnee())
                .when(new NoteQuarantineEndedCommand(ID, "case-9", QuarantineEnding.COMPLETED, "x", "q-event-9", ENDS))
                .expectNoEvents();
        fixture.given(yellowWuhanReturnee())
                .andGiven(new QuarantineStartNoted(ID, "case-1", QuarantineKind.HOME, ENDS, "q-event-1", minutes(5)),
                        new QuarantineEndNoted(ID, "case-1", QuarantineEnding.RELEASED_EARLY, "x", "q-event-2", ENDS))
                .when(new NoteQuarantineEndedCommand(ID, "case-1", QuarantineEnding.COMPLETED, "x", "q-event-3", ENDS))
                .expectNoEvents();
    }

    @Test
    void aBreachAttemptMakesThemRedWithTheCheckpointsRuleAndOnlyOncePerCrossing() {
        Object breach = new QuarantineBreachNoted(ID, "crossing-1", "north-gate", "case-1", "QUARANTINED_MAY_NOT_LEAVE",
                "g1", "c-event-1", minutes(9));
        fixture.given(yellowWuhanReturnee())
                .andGiven(new QuarantineStartNoted(ID, "case-1", QuarantineKind.HOME, ENDS, "q-event-1", minutes(5)),
                        changed(YELLOW, BLUE, ColourRule.IN_QUARANTINE, null, "QuarantineStartNoted", 2, minutes(5)))
                .when(breachCommand())
                .expectEvents(breach, changed(BLUE, RED, ColourRule.QUARANTINE_BREACH_ATTEMPTED, null,
                        "QuarantineBreachNoted", 4, minutes(9)));
        fixture.given(yellowWuhanReturnee())
                .andGiven(breach)
                .when(breachCommand())
                .expectNoEvents();
    }

    @Test
    void anUnregisteredArrivalFlagsThePersonRedOncePerCrossing() {
        Object flagged = new UnregisteredArrivalFlagged(ID, "crossing-2", "north-gate", "never reported", "武汉",
                ARRIVAL, "c-event-2", minutes(7));
        fixture.given(yellowWuhanReturnee())
                .when(flagCommand())
                .expectEvents(flagged, changed(YELLOW, RED, ColourRule.UNREGISTERED_ARRIVAL, null,
                        "UnregisteredArrivalFlagged", 2, minutes(7)));
        fixture.given(yellowWuhanReturnee())
                .andGiven(flagged)
                .when(flagCommand())
                .expectNoEvents();
    }

    private static NoteQuarantineBreachCommand breachCommand() {
        return new NoteQuarantineBreachCommand(ID, "crossing-1", "north-gate", "case-1", "QUARANTINED_MAY_NOT_LEAVE",
                "g1", "c-event-1", minutes(9));
    }

    private static FlagUnregisteredArrivalCommand flagCommand() {
        return new FlagUnregisteredArrivalCommand(ID, "crossing-2", "north-gate", "never reported", "武汉", ARRIVAL,
                "c-event-2", minutes(7));
    }

    private static Object[] yellowWuhanReturnee() {
        return new Object[] {registered(Origin.WUHAN, RegistrationSource.SELF_REPORTED, AT),
                changed(null, YELLOW, ColourRule.AWAITING_CONTACT, "registrar-1", "PersonRegistered", 0, AT)};
    }

    private static RegisterPersonCommand register(Origin origin, RegistrationSource source, Instant at) {
        return new RegisterPersonCommand(ID, "  张三 ", NUMBER, "13800000000", origin, ARRIVAL, "安国小区", null, null,
                source, at, null, "registrar-1");
    }

    private static PersonRegistered registered(Origin origin, RegistrationSource source, Instant at) {
        return new PersonRegistered(ID, "张三", NUMBER, "13800000000", origin, ARRIVAL, "安国小区", null, null,
                source, at, null, "registrar-1");
    }

    private static Instant minutes(int n) {
        return AT.plusSeconds(60L * n);
    }

    private static RecordTraceCallCommand callCommand(TraceCallOutcome outcome, int n) {
        return new RecordTraceCallCommand(ID, outcome, "caller-" + n, minutes(n), null);
    }

    private static TraceCallRecorded call(TraceCallOutcome outcome, int n) {
        return new TraceCallRecorded(ID, outcome, "caller-" + n, minutes(n), null);
    }

    private static RiskColourChanged changed(RiskColour from, RiskColour to, ColourRule rule, String staff,
            String cause, long sequence, Instant at) {
        return new RiskColourChanged(ID, from, to, rule.name(), "v1", "(ignored: the policy test covers reasons)",
                RiskColourPolicy.ownerOf(to, staff), new CausingEvent(cause, sequence), at);
    }
}
