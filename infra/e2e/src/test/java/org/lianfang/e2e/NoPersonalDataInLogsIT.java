package org.lianfang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: after the end-to-end classes before it have run — registrations, calls, cases, readings,
 * crossings, deliveries, erasure, the demo slice — no console line of any application named a test
 * or demo person (name, resident ID number, phone). The console is checked line by line as it passes
 * ({@link LogCapture}, installed before the first suite starts). Runs last.
 */
@Order(1000)
class NoPersonalDataInLogsIT {

    @Test
    void noApplicationLoggedAPersonsNameIdNumberOrPhone() {
        assertThat(LogCapture.installed()).as("a suite ran in this JVM before this class").isTrue();
        assertThat(LogCapture.lines()).as("the applications logged").isPositive();
        assertThat(LogCapture.offending()).as("console lines naming a person").isEmpty();
    }

    @Test
    void theCheckRecognisesWhatItLooksFor() {
        assertThat(LogCapture.personalData("{\"message\":\"registered 赵超（示例）\"}")).isEqualTo("a name");
        assertThat(LogCapture.personalData("id=" + WholeSuiteIT.idNumber(5) + " ")).isEqualTo("an ID number");
        assertThat(LogCapture.personalData("call 19900000101 now")).isEqualTo("a phone number");
        assertThat(LogCapture.personalData("masked 4113**********9014 and 138****0701, 1764412345678 ms"))
                .isNull();
        assertThat(LogCapture.personalData("id=411324199001010010 ")).as("wrong check character").isNull();
    }
}
