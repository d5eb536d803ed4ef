package org.lianfang.quarantine.cases.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.contracts.quarantine.InvalidCaseInputException;

/** Each named quarantine rule, as a table of cases. */
class QuarantinePoliciesTest {

    @ParameterizedTest(name = "arrival {0}, {1} days, +{2} → ends {3}")
    @CsvSource({
            "2020-01-24, 14, 0, 2020-02-06T16:00:00Z",
            "2020-01-24, 14, 7, 2020-02-13T16:00:00Z",
            "2020-01-24, 21, 0, 2020-02-13T16:00:00Z",
            "2020-02-28, 14, 0, 2020-03-12T16:00:00Z",
            "2020-01-31,  1, 0, 2020-01-31T16:00:00Z",
    })
    void thePeriodRunsFromTheArrivalDateToMidnightInShanghai(LocalDate arrival, int days, int extra, Instant endsAt) {
        QuarantinePeriodPolicy policy = new QuarantinePeriodPolicy(days, ZoneId.of("Asia/Shanghai"));

        assertThat(policy.endsAt(arrival, extra)).isEqualTo(endsAt);
        assertThat(policy.totalDays(arrival, endsAt)).isEqualTo(days + extra);
    }

    @ParameterizedTest(name = "arrival {0}, now {1} → day {2}")
    @CsvSource({
            "2020-01-24, 2020-01-23T16:00:00Z, 1",
            "2020-01-24, 2020-01-24T15:59:59Z, 1",
            "2020-01-24, 2020-01-24T16:00:00Z, 2",
            "2020-01-24, 2020-02-06T15:59:59Z, 14",
            "2020-01-24, 2020-02-06T16:00:00Z, 15",
    })
    void theArrivalDateIsDayOneCountedInTheCommunitysZone(LocalDate arrival, Instant now, long day) {
        assertThat(QuarantinePeriodPolicy.DEFAULT.dayNumber(arrival, now)).isEqualTo(day);
        assertThat(QuarantinePeriodPolicy.DEFAULT.startsAt(arrival)).isEqualTo(arrival.minusDays(1).atTime(16, 0)
                .toInstant(ZoneOffset.UTC));
    }

    @ParameterizedTest(name = "{0} °C with threshold {1} → fever {2}")
    @CsvSource({
            "37.3, 37.3, true",
            "37.30, 37.3, true",
            "37.29, 37.3, false",
            "39.0, 37.3, true",
            "36.5, 37.3, false",
            "37.5, 37.5, true",
            "37.4, 37.5, false",
    })
    void aFeverIsAReadingAtOrAboveTheThreshold(BigDecimal celsius, BigDecimal threshold, boolean fever) {
        assertThat(new FeverPolicy(threshold).isFever(celsius)).isEqualTo(fever);
    }

    @ParameterizedTest(name = "{0} °C at {1} → {2}")
    @CsvSource(nullValues = "-", value = {
            "36.5,  2020-02-01T08:00:00Z, -",
            "34.0,  2020-02-01T08:00:00Z, -",
            "43.0,  2020-02-01T08:00:00Z, -",
            "33.9,  2020-02-01T08:00:00Z, celsius",
            "43.1,  2020-02-01T08:00:00Z, celsius",
            "-1,    2020-02-01T08:00:00Z, celsius",
            "-,     2020-02-01T08:00:00Z, celsius",
            "36.5,  2020-02-01T08:02:00Z, -",
            "36.5,  2020-02-01T08:02:01Z, occurredAt",
            "36.5,  2020-01-23T16:00:00Z, -",
            "36.5,  2020-01-23T15:59:59Z, occurredAt",
            "36.5,  -,                    occurredAt",
    })
    void aReadingMustBePlausibleNotFromTheFutureAndNotBeforeThePeriod(BigDecimal celsius, Instant occurredAt,
                                                                      String badField) {
        Instant periodStart = Instant.parse("2020-01-23T16:00:00Z");
        Instant now = Instant.parse("2020-02-01T08:00:00Z");

        Optional<InvalidCaseInputException> problem =
                ReadingValidity.DEFAULT.problemWith(celsius, occurredAt, periodStart, now);

        assertThat(problem.map(InvalidCaseInputException::field).orElse(null)).isEqualTo(badField);
    }

    @ParameterizedTest(name = "now {0}, fevers {1} → {2}")
    @CsvSource(nullValues = "-", value = {
            "2020-02-06T15:59:59Z, -,                                         quarantine-period-not-over",
            "2020-02-06T16:00:00Z, -,                                         -",
            "2020-02-06T16:00:00Z, 2020-02-01T08:00:00Z,                      -",
            "2020-02-06T16:00:00Z, 2020-02-03T16:00:01Z,                      recent-fever",
            "2020-02-06T16:00:00Z, 2020-02-03T16:00:00Z,                      -",
            "2020-02-06T16:00:00Z, 2020-01-30T08:00:00Z;2020-02-05T08:00:00Z, recent-fever",
            "2020-02-08T08:00:01Z, 2020-02-05T08:00:00Z,                      -",
            "2020-02-01T08:00:00Z, 2020-02-01T07:00:00Z,                      quarantine-period-not-over",
    })
    void completionNeedsThePeriodOverAndThreeDaysWithoutFever(Instant now, String fevers, String rule) {
        Instant endsAt = Instant.parse("2020-02-06T16:00:00Z");
        List<Instant> feverTimes = fevers == null ? List.of()
                : Arrays.stream(fevers.split(";")).map(Instant::parse).toList();

        Optional<CompletionPolicy.Refusal> refusal = CompletionPolicy.DEFAULT.refusal(now, endsAt, feverTimes);

        assertThat(refusal.map(CompletionPolicy.Refusal::rule).orElse(null)).isEqualTo(rule);
        refusal.ifPresent(r -> assertThat(r.detail()).isNotBlank());
    }

    @ParameterizedTest(name = "fever-free days {0}")
    @CsvSource({"0, true", "1, true", "2, false"})
    void theFeverFreeWindowIsAParameter(int days, boolean allowed) {
        Instant now = Instant.parse("2020-02-10T08:00:00Z");
        Instant fever = now.minus(Duration.ofHours(36));

        assertThat(new CompletionPolicy(days).refusal(now, now.minusSeconds(1), List.of(fever)).isEmpty())
                .isEqualTo(allowed);
    }
}
