package org.lianfang.volunteer.config;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's parameters ({@code volunteer.*}).
 *
 * @param zone             days (deliveries per day, three rounds a day) are days in this zone
 * @param lateAfter        a check-in later than a shift's start plus this is late; no check-in by then is missing
 * @param roundsPerDay     disinfection rounds expected per building and day
 * @param coverageHorizon  how far ahead coverage looks when no window is asked for
 */
@ConfigurationProperties("volunteer")
public record VolunteerSettings(
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("10m") Duration lateAfter,
        @DefaultValue("3") int roundsPerDay,
        @DefaultValue("12h") Duration coverageHorizon) {
}
