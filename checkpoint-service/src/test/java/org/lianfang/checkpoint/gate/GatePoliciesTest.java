package org.lianfang.checkpoint.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.contracts.checkpoint.CrossingSubject;
import org.lianfang.contracts.checkpoint.Direction;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.RiskColour;

/**
 * Every gate rule as a table. A person is written as {@code colour/origin/reported/quarantined}
 * ({@code -} for none) or {@code unknown}.
 */
class GatePoliciesTest {

    private static PersonStatus person(String spec) {
        if (spec.equals("unknown")) {
            return PersonStatus.unknown();
        }
        String[] p = spec.split("/");
        return new PersonStatus("p-1", true, p[0].equals("-") ? null : RiskColour.valueOf(p[0]),
                p[1].equals("-") ? null : Origin.valueOf(p[1]), Boolean.parseBoolean(p[2]),
                Boolean.parseBoolean(p[3]) ? "case-1" : null, List.of("h-1"));
    }

    private static GateFacts facts(Direction direction, String person, String celsius, boolean passRequired,
                                   boolean passShown) {
        return new GateFacts(CrossingSubject.PERSON, direction, celsius == null ? null : new BigDecimal(celsius),
                List.of(person(person)), passRequired, passShown);
    }

    @ParameterizedTest(name = "{0} {1} → denied {2}")
    @CsvSource({
            "OUT, BLUE/WUHAN/true/true,    true",
            "IN,  BLUE/WUHAN/true/true,    false",
            "OUT, GREEN/LOCAL/true/false,  false",
            "OUT, -/-/false/true,          true",
            "OUT, unknown,                 false",
    })
    void aPersonInActiveQuarantineMayNotGoOut(Direction direction, String person, boolean denied) {
        QuarantineExitPolicy policy = new QuarantineExitPolicy();
        GateFacts facts = facts(direction, person, "36.5", false, false);

        assertThat(policy.judge(facts)).map(GateDenial::rule)
                .isEqualTo(denied ? Optional.of(QuarantineExitPolicy.RULE) : Optional.empty());
        assertThat(policy.breach(facts).map(PersonStatus::quarantineCaseId))
                .isEqualTo(denied ? Optional.of("case-1") : Optional.empty());
    }

    @ParameterizedTest(name = "{0} {1} → denied {2}")
    @CsvSource({
            "OUT, RED/WUHAN/false/false,     true",
            "IN,  RED/WUHAN/false/false,     false",
            "OUT, YELLOW/WUHAN/true/false,   false",
            "OUT, BLUE/HUBEI_OTHER/true/false, false",
            "OUT, GREEN/ELSEWHERE/true/false, false",
            "OUT, -/LOCAL/true/false,        false",
    })
    void aRedPersonMayNotGoOut(Direction direction, String person, boolean denied) {
        assertThat(new RedExitPolicy().judge(facts(direction, person, "36.5", false, false)).map(GateDenial::rule))
                .isEqualTo(denied ? Optional.of(RedExitPolicy.RULE) : Optional.empty());
    }

    @ParameterizedTest(name = "{0} °C (threshold {1}) {2} → denied {3}")
    @CsvSource(nullValues = "-", value = {
            "37.3,  37.3, OUT, true",
            "37.30, 37.3, IN,  true",
            "37.29, 37.3, OUT, false",
            "39.5,  37.3, IN,  true",
            "36.5,  37.3, OUT, false",
            "37.4,  37.5, OUT, false",
            "-,     37.3, OUT, false",
    })
    void aTemperatureAtOrAboveTheThresholdIsDeniedEitherWay(String celsius, BigDecimal threshold,
                                                           Direction direction, boolean denied) {
        GateFeverPolicy policy = new GateFeverPolicy(threshold);

        assertThat(policy.judge(facts(direction, "GREEN/LOCAL/true/false", celsius, false, false))
                .map(GateDenial::rule)).isEqualTo(denied ? Optional.of(GateFeverPolicy.RULE) : Optional.empty());
    }

    @ParameterizedTest(name = "{0}, pass required {1}, shown {2} → denied {3}, spends {4}")
    @CsvSource({
            "OUT, true,  false, true,  false",
            "OUT, true,  true,  false, true",
            "IN,  true,  false, false, false",
            "OUT, false, false, false, false",
            "OUT, false, true,  false, false",
    })
    void goingOutOfAClosedCompoundNeedsAPass(Direction direction, boolean required, boolean shown, boolean denied,
                                             boolean spends) {
        ClosedCompoundPassPolicy policy = new ClosedCompoundPassPolicy();
        GateFacts facts = facts(direction, "GREEN/LOCAL/true/false", "36.5", required, shown);

        assertThat(policy.judge(facts).map(GateDenial::rule))
                .isEqualTo(denied ? Optional.of(ClosedCompoundPassPolicy.RULE) : Optional.empty());
        assertThat(policy.spendsPass(facts)).isEqualTo(spends);
    }

    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @CsvSource(nullValues = "-", value = {
            "IN,  PERSON,  unknown,                  unknown",
            "OUT, PERSON,  unknown,                  -",
            "IN,  PERSON,  GREEN/WUHAN/false/false,  known",
            "IN,  PERSON,  RED/HUBEI_OTHER/false/false, known",
            "IN,  PERSON,  BLUE/WUHAN/true/true,     -",
            "IN,  PERSON,  YELLOW/ELSEWHERE/false/false, -",
            "IN,  PERSON,  -/LOCAL/false/false,      -",
            "OUT, PERSON,  RED/WUHAN/false/false,    -",
            "IN,  VEHICLE, RED/WUHAN/false/false,    -",
    })
    void comingInUnknownOrUnreportedFromHubeiIsAnUnregisteredArrival(Direction direction, CrossingSubject subject,
                                                                     String person, String finding) {
        GateFacts facts = new GateFacts(subject, direction, new BigDecimal("36.5"), List.of(person(person)), false,
                false);

        Optional<UnregisteredArrivalPolicy.Finding> result = new UnregisteredArrivalPolicy().judge(facts);

        if (finding == null) {
            assertThat(result).isEmpty();
        } else {
            assertThat(result).isPresent();
            assertThat(result.get().knownPersonId()).isEqualTo(finding.equals("known") ? "p-1" : null);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} °C pass {3}/{4} → {5} {6}")
    @CsvSource(nullValues = "-", value = {
            // the first refusal wins: quarantine, red, fever, pass
            "OUT, RED/WUHAN/false/true,    38.0, true,  false, quarantined-may-not-go-out, FEVER",
            "OUT, RED/WUHAN/false/false,   38.0, true,  false, red-may-not-go-out,         FEVER",
            "OUT, GREEN/LOCAL/true/false,  38.0, true,  false, fever-at-gate,              FEVER",
            "OUT, GREEN/LOCAL/true/false,  36.5, true,  false, pass-required,              -",
            "OUT, GREEN/LOCAL/true/false,  36.5, true,  true,  -,                          -",
            "IN,  unknown,                 36.5, true,  false, -,                          UNREGISTERED_ARRIVAL",
            "IN,  unknown,                 37.5, false, false, fever-at-gate,              FEVER UNREGISTERED_ARRIVAL",
            "IN,  BLUE/WUHAN/true/true,    36.5, true,  false, -,                          -",
    })
    void theRulesAreTriedInOrderAndEveryDecisionCarriesTheirVersion(Direction direction, String person,
            String celsius, boolean required, boolean shown, String rule, String flags) {
        GateDecision decision = new GateRules("gate-v7", new BigDecimal("37.3"))
                .decide(facts(direction, person, celsius, required, shown));

        assertThat(decision.denial().map(GateDenial::rule)).isEqualTo(Optional.ofNullable(rule));
        assertThat(decision.allowed()).isEqualTo(rule == null);
        assertThat(decision.flags()).containsExactlyElementsOf(flags == null ? List.of() : List.of(flags.split(" ")));
        assertThat(decision.ruleVersion()).isEqualTo("gate-v7");
        assertThat(decision.spendsPass()).isEqualTo(rule == null && shown && direction == Direction.OUT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            "valid household member,          2020-02-05T08:00:00Z, -,                    0, compound-1, -,   h-1, -",
            "valid person,                    2020-02-05T08:00:00Z, -,                    0, compound-1, p-9, -,   -",
            "revoked before the exit,         2020-02-05T08:00:00Z, 2020-02-05T07:00:00Z, 0, compound-1, -,   h-1, pass-revoked",
            "revoked at the exit,             2020-02-05T08:00:00Z, 2020-02-05T08:00:00Z, 0, compound-1, -,   h-1, pass-revoked",
            "revoked after a late-upload exit, 2020-02-05T08:00:00Z, 2020-02-05T09:00:00Z, 0, compound-1, -,  h-1, -",
            "before valid-from,               2020-01-31T23:59:59Z, -,                    0, compound-1, -,   h-1, pass-not-yet-valid",
            "at valid-to,                     2020-02-15T00:00:00Z, -,                    0, compound-1, -,   h-1, pass-expired",
            "just before valid-to,            2020-02-14T23:59:59Z, -,                    0, compound-1, -,   h-1, -",
            "another compound's gate,         2020-02-05T08:00:00Z, -,                    0, compound-2, -,   h-1, pass-for-another-compound",
            "not a member of the household,   2020-02-05T08:00:00Z, -,                    0, compound-1, -,   h-2, pass-not-for-this-person",
            "this period's exit is used,      2020-02-05T08:00:00Z, -,                    1, compound-1, -,   h-1, pass-over-used",
    })
    void aPassLetsItsHolderOutWhileValidUnrevokedAndWithinItsLimit(String description, Instant at,
            Instant revokedAt, int spent, String gateCompound, String personTerms, String household, String rule) {
        PassValidityPolicy.Terms terms = new PassValidityPolicy.Terms("compound-1",
                personTerms == null ? "h-1" : null, personTerms, Instant.parse("2020-02-01T00:00:00Z"),
                Instant.parse("2020-02-15T00:00:00Z"), new org.lianfang.contracts.checkpoint.PassLimit(1, 2));
        List<String> households = new ArrayList<>();
        if (household != null) {
            households.add(household);
        }
        PassValidityPolicy.Use use = new PassValidityPolicy.Use(gateCompound, List.of("p-9"), households, at);

        assertThat(new PassValidityPolicy().judge(terms, revokedAt, spent, use).map(GateDenial::rule))
                .isEqualTo(Optional.ofNullable(rule));
    }

    @ParameterizedTest(name = "{0} → period {1}")
    @CsvSource({
            "2020-02-01T00:00:00Z, 0",
            "2020-02-02T23:59:59Z, 0",
            "2020-02-03T00:00:00Z, 1",
            "2020-02-14T12:00:00Z, 6",
    })
    void oneExitEveryTwoDaysCountsInPeriodsFromValidFrom(Instant at, long period) {
        PassValidityPolicy.Terms terms = new PassValidityPolicy.Terms("c", "h", null,
                Instant.parse("2020-02-01T00:00:00Z"), Instant.parse("2020-02-15T00:00:00Z"),
                new org.lianfang.contracts.checkpoint.PassLimit(1, 2));

        assertThat(PassValidityPolicy.period(terms, at)).isEqualTo(period);
    }

    @ParameterizedTest(name = "{0} °C, required {1}, at {2} → {3}")
    @CsvSource(nullValues = "-", value = {
            "36.5, true,  2020-02-01T08:00:00Z, -",
            "34.0, true,  2020-02-01T08:00:00Z, -",
            "43.0, true,  2020-02-01T08:00:00Z, -",
            "33.9, true,  2020-02-01T08:00:00Z, temperatureCelsius",
            "43.1, true,  2020-02-01T08:00:00Z, temperatureCelsius",
            "-,    true,  2020-02-01T08:00:00Z, temperatureCelsius",
            "-,    false, 2020-02-01T08:00:00Z, -",
            "36.5, true,  2020-02-01T08:02:00Z, -",
            "36.5, true,  2020-02-01T08:02:01Z, occurredAt",
            "36.5, true,  2020-01-01T08:00:00Z, -",
    })
    void aCrossingMustBePlausibleAndNotFromTheFuture(BigDecimal celsius, boolean required, Instant at,
                                                     String badField) {
        List<CrossingInputRules.Problem> problems = CrossingInputRules.DEFAULT.problemsWith(celsius, required, at,
                Instant.parse("2020-02-01T08:00:00Z"));

        assertThat(problems).extracting(CrossingInputRules.Problem::field)
                .isEqualTo(badField == null ? List.of() : List.of(badField));
        assertThat(CrossingInputRules.DEFAULT.clockSkew()).isEqualTo(Duration.ofMinutes(2));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "-", value = {
            "豫R12345, true",
            "豫RD12345, true",
            "京A1234学, true",
            "鄂A0000挂, true",
            "豫r12345, false",
            "豫I12345, false",
            "R12345,   false",
            "豫R1234,  false",
            "豫R1234567, false",
            "-,        false",
    })
    void aPlateIsAMainlandPlate(String plate, boolean valid) {
        assertThat(CrossingInputRules.isPlate(plate)).isEqualTo(valid);
    }
}
