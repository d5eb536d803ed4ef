package org.lianfang.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validator;
import jakarta.validation.constraints.PastOrPresent;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code @PastOrPresent} follows the suite's clock and the communities' zone, not the JVM's. */
class ValidationClockTest {

    record Arrival(@PastOrPresent LocalDate arrivalDate) {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LianfangClockAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withPropertyValues("lianfang.clock.adjustable=true");

    @Test
    void aDayThatIsTodayOnlyOnTheAdvancedClockIsNotInTheFuture() {
        runner.run(context -> {
            Validator validator = context.getBean(Validator.class);
            AdjustableClock clock = context.getBean(AdjustableClock.class);
            LocalDate threeDaysOn = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai"))).plusDays(3);

            assertThat(validator.validate(new Arrival(threeDaysOn))).hasSize(1);
            clock.advance(Duration.ofDays(3));
            assertThat(validator.validate(new Arrival(threeDaysOn))).isEmpty();
        });
    }

    @Test
    void todayIsJudgedInTheConfiguredZone() {
        runner.withPropertyValues("lianfang.clock.zone=Pacific/Kiritimati").run(context -> {
            Validator validator = context.getBean(Validator.class);
            LocalDate kiritimatiToday = LocalDate.now(ZoneId.of("Pacific/Kiritimati"));
            // UTC+14: its today is at least the UTC date, often a day later
            assertThat(validator.validate(new Arrival(kiritimatiToday))).isEmpty();
        });
    }
}
