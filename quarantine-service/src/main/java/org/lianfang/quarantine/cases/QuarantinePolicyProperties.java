package org.lianfang.quarantine.cases;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.lianfang.quarantine.cases.command.CheckSchedulePolicy;
import org.lianfang.quarantine.cases.command.CompletionPolicy;
import org.lianfang.quarantine.cases.command.FeverPolicy;
import org.lianfang.quarantine.cases.command.QuarantinePeriodPolicy;
import org.lianfang.quarantine.cases.command.QuarantinePolicies;
import org.lianfang.quarantine.cases.command.ReadingValidity;
import org.lianfang.quarantine.cases.command.ReferralPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The policy parameters ({@code quarantine.policy.*}), so a county that changes its guidance changes
 * configuration, not code.
 *
 * @param periodDays    length of the period from arrival (14)
 * @param zone          the community's time zone, where days are counted (Asia/Shanghai)
 * @param feverCelsius  the fever threshold (37.3)
 * @param feverFreeDays days without fever needed to complete (3)
 * @param minCelsius    lowest plausible reading (34.0)
 * @param maxCelsius    highest plausible reading (43.0)
 * @param clockSkew     how far in the future a reading may claim to be (2 minutes)
 * @param checkWindows  daily check windows by name, {@code HH:mm-HH:mm} (morning 06:00-12:00, evening 17:00-22:00)
 * @param referralCooldown after a referred fever, how long further fevers are not referred again (24h)
 */
@ConfigurationProperties("quarantine.policy")
public record QuarantinePolicyProperties(
        @DefaultValue("14") int periodDays,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("37.3") BigDecimal feverCelsius,
        @DefaultValue("3") int feverFreeDays,
        @DefaultValue("34.0") BigDecimal minCelsius,
        @DefaultValue("43.0") BigDecimal maxCelsius,
        @DefaultValue("2m") Duration clockSkew,
        Map<String, String> checkWindows,
        @DefaultValue("24h") Duration referralCooldown) {

    QuarantinePolicies toPolicies() {
        return new QuarantinePolicies(new QuarantinePeriodPolicy(periodDays, zone), new CompletionPolicy(feverFreeDays),
                new FeverPolicy(feverCelsius), new ReadingValidity(minCelsius, maxCelsius, clockSkew), checks(),
                new ReferralPolicy(referralCooldown));
    }

    private CheckSchedulePolicy checks() {
        if (checkWindows == null || checkWindows.isEmpty()) {
            return new CheckSchedulePolicy(CheckSchedulePolicy.DEFAULT.windows(), zone);
        }
        return new CheckSchedulePolicy(checkWindows.entrySet().stream().map(entry -> {
            String[] times = entry.getValue().split("-");
            return new CheckSchedulePolicy.DailyWindow(entry.getKey(), LocalTime.parse(times[0].strip()),
                    LocalTime.parse(times[1].strip()));
        }).toList(), zone);
    }
}
