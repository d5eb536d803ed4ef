package org.lianfang.quarantine.cases.command;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.RuleViolationException;
import org.lianfang.contracts.quarantine.CheckMissed;
import org.lianfang.contracts.quarantine.CompleteQuarantineCommand;
import org.lianfang.contracts.quarantine.ExtendQuarantineCommand;
import org.lianfang.contracts.quarantine.FeverDetected;
import org.lianfang.contracts.quarantine.InvalidCaseInputException;
import org.lianfang.contracts.quarantine.MeasurementMethod;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.QuarantineCompleted;
import org.lianfang.contracts.quarantine.QuarantineExtended;
import org.lianfang.contracts.quarantine.QuarantineKind;
import org.lianfang.contracts.quarantine.QuarantineReleasedEarly;
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.lianfang.contracts.quarantine.QuarantineTransferred;
import org.lianfang.contracts.quarantine.RecordMissedCheckCommand;
import org.lianfang.contracts.quarantine.RecordTemperatureCommand;
import org.lianfang.contracts.quarantine.ReleaseQuarantineEarlyCommand;
import org.lianfang.contracts.quarantine.ReportSymptomCommand;
import org.lianfang.contracts.quarantine.StartQuarantineCommand;
import org.lianfang.contracts.quarantine.SymptomReported;
import org.lianfang.contracts.quarantine.TemperatureRecorded;
import org.lianfang.contracts.quarantine.TransferQuarantineCommand;
import org.lianfang.quarantine.MutableClock;

/** One test per rule of a quarantine case. */
class QuarantineCaseTest {

    private static final QuarantineCaseId CASE = QuarantineCaseId.of("case-1");
    private static final String PERSON = "person-1";
    private static final LocalDate ARRIVAL = LocalDate.parse("2020-01-24");
    /** Midnight 2020-02-07 in Shanghai: the end of 14 days from 24 January. */
    private static final Instant ENDS_AT = Instant.parse("2020-02-06T16:00:00Z");
    private static final Instant STARTED_AT = Instant.parse("2020-01-25T02:00:00Z");

    private AggregateTestFixture<QuarantineCase> fixture;
    private MutableClock clock;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(STARTED_AT);
        fixture = new AggregateTestFixture<>(QuarantineCase.class);
        fixture.registerInjectableResource(QuarantinePolicies.DEFAULT);
        fixture.registerInjectableResource(clock);
    }

    private static QuarantineStarted started() {
        return new QuarantineStarted(CASE, PERSON, QuarantineKind.HOME, ARRIVAL, ENDS_AT, "returned from WUHAN",
                "registry", STARTED_AT);
    }

    private static RecordTemperatureCommand reading(String celsius, Instant at) {
        return new RecordTemperatureCommand(CASE, new BigDecimal(celsius), MeasurementMethod.FOREHEAD, "medic-1", at);
    }

    @Test
    void thePeriodRunsFourteenDaysFromTheArrivalDateNotFromRegistration() {
        fixture.givenNoPriorActivity()
                .when(new StartQuarantineCommand(CASE, PERSON, QuarantineKind.HOME, ARRIVAL, "returned from WUHAN",
                        "registry"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(started());
    }

    @Test
    void anArrivalInTheFutureCannotStartAPeriod() {
        fixture.givenNoPriorActivity()
                .when(new StartQuarantineCommand(CASE, PERSON, QuarantineKind.HOME, LocalDate.parse("2020-01-26"),
                        "r", "operator-1"))
                .expectException(InvalidCaseInputException.class)
                .expectNoEvents();
    }

    @Test
    void aNormalReadingIsRecordedWithItsRecordingTime() {
        Instant takenAt = STARTED_AT.minus(Duration.ofMinutes(30));
        fixture.given(started())
                .when(reading("36.6", takenAt))
                .expectEvents(new TemperatureRecorded(CASE, PERSON, new BigDecimal("36.6"), MeasurementMethod.FOREHEAD,
                        "medic-1", takenAt, STARTED_AT));
    }

    @Test
    void aReadingAtTheThresholdIsAFever() {
        fixture.given(started())
                .when(reading("37.3", STARTED_AT))
                .expectEvents(
                        new TemperatureRecorded(CASE, PERSON, new BigDecimal("37.3"), MeasurementMethod.FOREHEAD,
                                "medic-1", STARTED_AT, STARTED_AT),
                        new FeverDetected(CASE, PERSON, new BigDecimal("37.3"), new BigDecimal("37.3"), STARTED_AT));
    }

    @Test
    void aReadingOutsideThePlausibleRangeIsAnInputErrorOnCelsius() {
        fixture.given(started())
                .when(reading("43.5", STARTED_AT))
                .expectException(InvalidCaseInputException.class)
                .expectExceptionMessage("must be between 34.0 and 43.0 °C")
                .expectNoEvents();
    }

    @Test
    void aReadingFromTheFutureIsRefused() {
        fixture.given(started())
                .when(reading("36.6", STARTED_AT.plus(Duration.ofMinutes(3))))
                .expectException(InvalidCaseInputException.class)
                .expectExceptionMessage("must not be in the future")
                .expectNoEvents();
    }

    @Test
    void aReadingWithinTheClockSkewIsAccepted() {
        fixture.given(started())
                .when(reading("36.6", STARTED_AT.plus(Duration.ofMinutes(2))))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aReadingFromBeforeThePeriodBeganIsRefused() {
        fixture.given(started())
                .when(reading("36.6", Instant.parse("2020-01-23T15:59:00Z")))
                .expectException(InvalidCaseInputException.class)
                .expectNoEvents();
    }

    @Test
    void symptomsAreRecorded() {
        fixture.given(started())
                .when(new ReportSymptomCommand(CASE, List.of("cough"), "dry", "medic-1", STARTED_AT))
                .expectEvents(new SymptomReported(CASE, PERSON, List.of("cough"), "dry", "medic-1", STARTED_AT,
                        STARTED_AT));
    }

    @Test
    void anExtensionMovesTheEndByWholeDays() {
        fixture.given(started())
                .when(new ExtendQuarantineCommand(CASE, 7, "contact of a confirmed case", "operator-1"))
                .expectEvents(new QuarantineExtended(CASE, PERSON, 7, "contact of a confirmed case", "operator-1",
                        Instant.parse("2020-02-13T16:00:00Z"), STARTED_AT));
    }

    @Test
    void anExtensionMustAddDays() {
        fixture.given(started())
                .when(new ExtendQuarantineCommand(CASE, 0, "none", "operator-1"))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void aTransferKeepsThePeriod() {
        fixture.given(started())
                .when(new TransferQuarantineCommand(CASE, "县隔离点", "no separate room at home", "operator-1"))
                .expectEvents(new QuarantineTransferred(CASE, PERSON, "县隔离点", "no separate room at home",
                        "operator-1", STARTED_AT));
    }

    @Test
    void completionBeforeThePeriodIsOverIsRefusedWithTheReason() {
        clock.set(ENDS_AT.minusSeconds(1));
        fixture.given(started())
                .when(new CompleteQuarantineCommand(CASE, "operator-1"))
                .expectException(brokenRule(CompletionPolicy.PERIOD_NOT_OVER))
                .expectNoEvents();
    }

    @Test
    void completionAfterARecentFeverIsRefused() {
        Instant fever = ENDS_AT.minus(Duration.ofDays(1));
        clock.set(ENDS_AT);
        fixture.given(started(), new FeverDetected(CASE, PERSON, new BigDecimal("37.8"), new BigDecimal("37.3"), fever))
                .when(new CompleteQuarantineCommand(CASE, "operator-1"))
                .expectException(brokenRule(CompletionPolicy.RECENT_FEVER))
                .expectNoEvents();
    }

    @Test
    void completionAfterThePeriodWithoutRecentFeverEndsTheCase() {
        clock.set(ENDS_AT);
        fixture.given(started(), new FeverDetected(CASE, PERSON, new BigDecimal("37.8"), new BigDecimal("37.3"),
                        ENDS_AT.minus(Duration.ofDays(4))))
                .when(new CompleteQuarantineCommand(CASE, "operator-1"))
                .expectEvents(new QuarantineCompleted(CASE, PERSON, "operator-1", ENDS_AT));
    }

    @Test
    void anExtensionDelaysCompletion() {
        clock.set(ENDS_AT.plus(Duration.ofDays(1)));
        fixture.given(started(), new QuarantineExtended(CASE, PERSON, 3, "r", "operator-1",
                        ENDS_AT.plus(Duration.ofDays(3)), STARTED_AT))
                .when(new CompleteQuarantineCommand(CASE, "operator-1"))
                .expectException(brokenRule(CompletionPolicy.PERIOD_NOT_OVER))
                .expectNoEvents();
    }

    @Test
    void anEarlyReleaseEndsTheCaseBeforeThePeriod() {
        fixture.given(started())
                .when(new ReleaseQuarantineEarlyCommand(CASE, "confirmed mistaken registration", "medic-1"))
                .expectEvents(new QuarantineReleasedEarly(CASE, PERSON, "confirmed mistaken registration", "medic-1",
                        STARTED_AT));
    }

    @Test
    void anEndedCaseAcceptsNothingMore() {
        fixture.given(started(), new QuarantineReleasedEarly(CASE, PERSON, "r", "medic-1", STARTED_AT))
                .when(reading("36.6", STARTED_AT))
                .expectException(brokenRule(QuarantineCase.CASE_ENDED))
                .expectNoEvents();
    }

    @Test
    void theThresholdIsAPolicyParameter() {
        AggregateTestFixture<QuarantineCase> strict = new AggregateTestFixture<>(QuarantineCase.class);
        strict.registerInjectableResource(new QuarantinePolicies(QuarantinePeriodPolicy.DEFAULT,
                CompletionPolicy.DEFAULT, new FeverPolicy(new BigDecimal("38.0")), ReadingValidity.DEFAULT,
                CheckSchedulePolicy.DEFAULT));
        strict.registerInjectableResource(clock);
        strict.given(started())
                .when(reading("37.5", STARTED_AT))
                .expectEvents(new TemperatureRecorded(CASE, PERSON, new BigDecimal("37.5"), MeasurementMethod.FOREHEAD,
                        "medic-1", STARTED_AT, STARTED_AT));
    }

    private static final RecordMissedCheckCommand EVENING = new RecordMissedCheckCommand(CASE, "2020-01-25/evening",
            Instant.parse("2020-01-25T09:00:00Z"), Instant.parse("2020-01-25T14:00:00Z"));

    @Test
    void aWindowWithoutAReadingIsAMissedCheck() {
        clock.set(Instant.parse("2020-01-25T14:01:00Z"));
        fixture.given(started())
                .when(EVENING)
                .expectResultMessagePayload(true)
                .expectEvents(new CheckMissed(CASE, PERSON, "2020-01-25/evening", EVENING.opensAt(),
                        EVENING.closesAt(), Instant.parse("2020-01-25T14:01:00Z")));
    }

    @Test
    void aMissedCheckIsRaisedOnlyOncePerWindow() {
        fixture.given(started(), new CheckMissed(CASE, PERSON, "2020-01-25/evening", EVENING.opensAt(),
                        EVENING.closesAt(), EVENING.closesAt()))
                .when(EVENING)
                .expectResultMessagePayload(true)
                .expectNoEvents();
    }

    @Test
    void aReadingInTheWindowMeansNoMissedCheck() {
        Instant inWindow = Instant.parse("2020-01-25T12:00:00Z");
        fixture.given(started(), new TemperatureRecorded(CASE, PERSON, new BigDecimal("36.5"),
                        MeasurementMethod.FOREHEAD, "medic-1", inWindow, inWindow))
                .when(EVENING)
                .expectNoEvents();
    }

    @Test
    void anEndedCaseMissesNoChecksAndSaysSo() {
        fixture.given(started(), new QuarantineCompleted(CASE, PERSON, "op", ENDS_AT))
                .when(EVENING)
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    private static Matcher<RuleViolationException> brokenRule(String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolationException e) {
                return e.rule().equals(rule);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a violation of rule " + rule);
            }
        };
    }
}
