package org.lianfang.registry.person.colour;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The adjustable numbers of the colour rules. A change of any of them is a new {@link #version()},
 * which every colour change records, so a colour can always be explained by the rules it was made with.
 *
 * @param reportDeadline      how long after the start of the arrival day a returnee must be reported (default 24 h)
 * @param unreachableAttempts unreachable calls in a row that make a person red (default 3)
 * @param zone                the zone in which arrival dates are days (the community's, Asia/Shanghai)
 * @param version             the name of this set of parameters
 */
public record ColourRuleParameters(Duration reportDeadline, int unreachableAttempts, ZoneId zone, String version) {

    /** The rules as the community used them in February 2020. */
    public static final ColourRuleParameters DEFAULTS =
            new ColourRuleParameters(Duration.ofHours(24), 3, ZoneId.of("Asia/Shanghai"), "v1");

    public ColourRuleParameters {
        Objects.requireNonNull(reportDeadline, "reportDeadline");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(version, "version");
        if (reportDeadline.isNegative() || reportDeadline.isZero()) {
            throw new IllegalArgumentException("the report deadline must be positive");
        }
        if (unreachableAttempts < 1) {
            throw new IllegalArgumentException("unreachable attempts must be at least 1");
        }
    }
}
