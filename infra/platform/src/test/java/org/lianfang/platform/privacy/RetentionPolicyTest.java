package org.lianfang.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a person may be erased: one row per case of the retention rule. */
class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2020-04-01T00:00:00Z");
    private static final Map<String, Duration> RETENTION = Map.of("quarantine", Duration.ofDays(30),
            "visit", Duration.ZERO);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            no purpose ever kept them            | -                    | -                    | -                    | -                    | true  | -                    | -
            quarantine in progress               | 2020-03-20T00:00:00Z | -                    | -                    | -                    | false | -                    | erasure-purpose-ongoing
            quarantine ended 10 days ago         | 2020-03-01T00:00:00Z | 2020-03-22T00:00:00Z | -                    | -                    | false | 2020-04-21T00:00:00Z | erasure-retention-period
            quarantine ended exactly 30 days ago | 2020-02-10T00:00:00Z | 2020-03-02T00:00:00Z | -                    | -                    | true  | 2020-04-01T00:00:00Z | -
            quarantine ended 40 days ago         | 2020-02-01T00:00:00Z | 2020-02-21T00:00:00Z | -                    | -                    | true  | 2020-03-22T00:00:00Z | -
            restarted after it ended             | 2020-03-25T00:00:00Z | 2020-02-21T00:00:00Z | -                    | -                    | false | -                    | erasure-purpose-ongoing
            visit over, quarantine still open    | 2020-03-25T00:00:00Z | -                    | 2020-01-01T00:00:00Z | 2020-01-02T00:00:00Z | false | -                    | erasure-purpose-ongoing
            the later retention end binds        | 2020-01-01T00:00:00Z | 2020-03-31T00:00:00Z | 2020-03-31T00:00:00Z | 2020-03-31T12:00:00Z | false | 2020-04-30T00:00:00Z | erasure-retention-period
            a purpose with no retention          | -                    | -                    | 2020-03-31T00:00:00Z | 2020-03-31T12:00:00Z | true  | 2020-03-31T12:00:00Z | -
            """)
    void erasureIsAllowedOnlyAfterEveryPurposeEndedAndItsRetentionRanOut(
            String name, Instant quarantineStart, Instant quarantineEnd, Instant visitStart, Instant visitEnd,
            boolean erasable, Instant erasableFrom, String rule) {
        Map<String, Instant> started = new HashMap<>();
        Map<String, Instant> ended = new HashMap<>();
        put(started, "quarantine", quarantineStart);
        put(ended, "quarantine", quarantineEnd);
        put(started, "visit", visitStart);
        put(ended, "visit", visitEnd);

        RetentionPolicy.Verdict verdict = RetentionPolicy.judge(new PurposeFacts(started, ended),
                purpose -> RETENTION.getOrDefault(purpose, Duration.ofDays(365)), NOW);

        assertThat(verdict.erasable()).isEqualTo(erasable);
        assertThat(verdict.erasableFrom()).isEqualTo(erasableFrom);
        assertThat(verdict.rule()).isEqualTo(rule);
    }

    private static void put(Map<String, Instant> map, String purpose, Instant at) {
        if (at != null) {
            map.put(purpose, at);
        }
    }
}
