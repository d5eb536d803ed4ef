package org.lianfang.quarantine.cases.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether a start after an ended case opens a new one: a table. */
class RestartPolicyTest {

    private static final Instant ENDED = Instant.parse("2020-02-07T00:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "by hand", value = {
            "an operator,           by hand,              true",
            "replayed registration, 2020-01-25T01:00:00Z, false",
            "event at the very end, 2020-02-07T00:00:00Z, false",
            "turned blue later,     2020-03-01T08:00:00Z, true",
    })
    void aNewCaseNeedsAnOperatorOrAnEventAfterTheEnd(String description, Instant triggeredAt, boolean opens) {
        assertThat(RestartPolicy.opensNewCase(triggeredAt, ENDED)).isEqualTo(opens);
    }
}
