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
import org.lianfang.contracts.quarantine.FeverReferralAccepted;
import org.lianfang.contracts.quarantine.FeverReferralFailed;
import org.lianfang.contracts.quarantine.FeverReferralRequested;
import org.lianfang.contracts.quarantine.FeverReferralRetrying;
import org.lianfang.contracts.quarantine.FeverReferralSent;
import org.lianfang.contracts.quarantine.InvalidCaseInputException;
import org.lianfang.contracts.quarantine.MeasurementMethod;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.QuarantineCompleted;
import org.lianfang.contracts.quarantine.QuarantineExtended;
import org.lianfang.contracts.quarantine.QuarantineKind;
import org.lianfang.contracts.quarantine.QuarantineReleasedEarly;
import org.lianfang.contracts.quarantine.QuarantineStarted;
import org.lianfang.contracts.quarantine.QuarantineTransferred;
import org.lianfang.contracts.quarantine.QuarantineBreachRecorded;
import org.lianfang.contracts.quarantine.RecordBreachAttemptCommand;
import org.lianfang.contracts.quarantine.RecordDeliveryProgressCommand;
import org.lianfang.contracts.quarantine.RecordMissedCheckCommand;
import org.lianfang.contracts.quarantine.RequestSuppliesCommand;
import org.lianfang.contracts.quarantine.SupplyDeliveryProgressed;
import org.lianfang.contracts.quarantine.SupplyRequested;
import org.lianfang.contracts.volunteer.DeliveryStage;
import org.lianfang.contracts.quarantine.RecordReferralOutcomeCommand;
import org.lianfang.contracts.quarantine.ReferralStatus;
import org.lianfang.contracts.quarantine.RecordTemperatureCommand;
import org.lianfang.contracts.quarantine.ReleaseQuarantineEarlyCommand;
import org.lianfang.contracts.quarantine.ReportSymptomCommand;
import org.lianfang.contracts.quarantine.StartQuarantineCommand;
import org.lianfang.contracts.quarantine.SymptomReported;
import org.lianfang.contracts.quarantine.TemperatureRecorded;
import org.lianfang.contracts.quarantine.TransferQuarantineCommand;
import org.lianfang.testing.MutableClock;

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
                        new FeverDetected(CASE, PERSON, new BigDecimal("37.3"), new BigDecimal("37.3"), STARTED_AT),
                        new FeverReferralRequested("case-1-r1", CASE, PERSON, null, null, new BigDecimal("37.3"),
                                STARTED_AT, STARTED_AT));
    }

    @Test
    void aFeverSoonAfterAReferredOneIsNotReferredAgain() {
        Instant evening = STARTED_AT.plus(Duration.ofHours(10));
        clock.set(evening);
        fixture.given(started(), new FeverDetected(CASE, PERSON, new BigDecimal("38.0"), new BigDecimal("37.3"),
                        STARTED_AT), referral("case-1-r1", STARTED_AT))
                .when(reading("38.1", evening))
                .expectEvents(new TemperatureRecorded(CASE, PERSON, new BigDecimal("38.1"), MeasurementMethod.FOREHEAD,
                                "medic-1", evening, evening),
                        new FeverDetected(CASE, PERSON, new BigDecimal("38.1"), new BigDecimal("37.3"), evening));
    }

    @Test
    void aFeverAfterTheCooldownIsASecondReferral() {
        Instant nextDay = STARTED_AT.plus(Duration.ofHours(30));
        clock.set(nextDay);
        fixture.given(started(), referral("case-1-r1", STARTED_AT))
                .when(reading("38.1", nextDay))
                .expectEvents(new TemperatureRecorded(CASE, PERSON, new BigDecimal("38.1"), MeasurementMethod.FOREHEAD,
                                "medic-1", nextDay, nextDay),
                        new FeverDetected(CASE, PERSON, new BigDecimal("38.1"), new BigDecimal("37.3"), nextDay),
                        new FeverReferralRequested("case-1-r2", CASE, PERSON, null, null, new BigDecimal("38.1"),
                                nextDay, nextDay));
    }

    @Test
    void theClinicsAcceptanceIsRecordedOnceAndALateRetryChangesNothing() {
        fixture.given(started(), referral("case-1-r1", STARTED_AT))
                .when(outcome(ReferralStatus.ACCEPTED, "FC-9"))
                .expectEvents(new FeverReferralSent("case-1-r1", CASE, PERSON, "FC-9", 2, STARTED_AT),
                        new FeverReferralAccepted("case-1-r1", CASE, PERSON, "FC-9", STARTED_AT));
        fixture.given(started(), referral("case-1-r1", STARTED_AT),
                        new FeverReferralSent("case-1-r1", CASE, PERSON, "FC-9", 2, STARTED_AT),
                        new FeverReferralAccepted("case-1-r1", CASE, PERSON, "FC-9", STARTED_AT))
                .when(outcome(ReferralStatus.RETRYING, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(started(), referral("case-1-r1", STARTED_AT),
                        new FeverReferralSent("case-1-r1", CASE, PERSON, "FC-9", 2, STARTED_AT),
                        new FeverReferralAccepted("case-1-r1", CASE, PERSON, "FC-9", STARTED_AT))
                .when(outcome(ReferralStatus.ACCEPTED, "FC-9"))
                .expectNoEvents();
    }

    @Test
    void retryingIsRecordedOnceHoweverManyDeliveriesFail() {
        fixture.given(started(), referral("case-1-r1", STARTED_AT))
                .when(outcome(ReferralStatus.RETRYING, null))
                .expectEvents(new FeverReferralRetrying("case-1-r1", CASE, PERSON, "HTTP 503", 2, STARTED_AT));
        fixture.given(started(), referral("case-1-r1", STARTED_AT),
                        new FeverReferralRetrying("case-1-r1", CASE, PERSON, "HTTP 503", 1, STARTED_AT))
                .when(outcome(ReferralStatus.RETRYING, null))
                .expectNoEvents();
    }

    @Test
    void aRefusalIsRecordedEvenAfterTheCaseEnded() {
        fixture.given(started(), referral("case-1-r1", STARTED_AT),
                        new QuarantineReleasedEarly(CASE, PERSON, "r", "medic-1", STARTED_AT))
                .when(new RecordReferralOutcomeCommand(CASE, "case-1-r1", ReferralStatus.FAILED, null, "HTTP 422", 1))
                .expectEvents(new FeverReferralFailed("case-1-r1", CASE, PERSON, "HTTP 422", 1, STARTED_AT));
    }

    @Test
    void anUnknownReferralChangesNothing() {
        fixture.given(started())
                .when(outcome(ReferralStatus.SENT, "FC-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aBreachAttemptIsRecordedOncePerCrossing() {
        RecordBreachAttemptCommand breach = new RecordBreachAttemptCommand(CASE, "x-1", "north-gate",
                "QUARANTINED_MAY_NOT_LEAVE", "guard-7", STARTED_AT, STARTED_AT);
        QuarantineBreachRecorded recorded = new QuarantineBreachRecorded(CASE, PERSON, "x-1", "north-gate",
                "QUARANTINED_MAY_NOT_LEAVE", "guard-7", STARTED_AT, STARTED_AT);
        fixture.given(started()).when(breach).expectEvents(recorded);
        fixture.given(started(), recorded).when(breach).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aSupplyRequestGetsAnIdNamingTheCaseAndNeedsItemsAndAnAddress() {
        fixture.given(started())
                .when(new RequestSuppliesCommand(CASE, "h-1", "3号楼 502", List.of("rice"), null, "op-1"))
                .expectResultMessagePayload("case-1-s1")
                .expectEvents(new SupplyRequested("case-1-s1", CASE, PERSON, null, null, "h-1", "3号楼 502",
                        List.of("rice"), null, "op-1", STARTED_AT));
        fixture.given(started())
                .when(new RequestSuppliesCommand(CASE, null, null, List.of("rice"), null, "op-1"))
                .expectException(InvalidCaseInputException.class).expectNoEvents();
        fixture.given(started())
                .when(new RequestSuppliesCommand(CASE, null, "a", List.of(), null, "op-1"))
                .expectException(InvalidCaseInputException.class).expectNoEvents();
        fixture.given(started(), new QuarantineCompleted(CASE, PERSON, "op", ENDS_AT))
                .when(new RequestSuppliesCommand(CASE, null, "a", List.of("rice"), null, "op-1"))
                .expectException(brokenRule(QuarantineCase.CASE_ENDED));
    }

    @Test
    void eachDeliveryStageIsRecordedOnceAndLeftAtTheDoorIsDelivered() {
        SupplyRequested requested = new SupplyRequested("case-1-s1", CASE, PERSON, null, null, null, "a",
                List.of("rice"), null, "op-1", STARTED_AT);
        RecordDeliveryProgressCommand atDoor = new RecordDeliveryProgressCommand(CASE, "case-1-s1", "o-1",
                DeliveryStage.LEFT_AT_DOOR, "v-1", null, STARTED_AT);
        SupplyDeliveryProgressed delivered = new SupplyDeliveryProgressed(CASE, PERSON, "case-1-s1", "o-1",
                DeliveryStage.LEFT_AT_DOOR, true, "v-1", null, STARTED_AT);
        fixture.given(started(), requested).when(atDoor).expectEvents(delivered);
        fixture.given(started(), requested, delivered).when(atDoor).expectNoEvents();
        fixture.given(started()).when(atDoor).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    private static FeverReferralRequested referral(String id, Instant feverAt) {
        return new FeverReferralRequested(id, CASE, PERSON, null, null, new BigDecimal("38.0"), feverAt, feverAt);
    }

    private static RecordReferralOutcomeCommand outcome(ReferralStatus status, String reference) {
        return new RecordReferralOutcomeCommand(CASE, "case-1-r1", status, reference,
                status == ReferralStatus.RETRYING ? "HTTP 503" : null, 2);
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
                CheckSchedulePolicy.DEFAULT, ReferralPolicy.DEFAULT));
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
