package org.lianfang.checkpoint.gate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which crossings can be true. A temperature outside {@code [min, max]} is a typing or device
 * error; a crossing in the future beyond the tablets' clock skew is a wrong clock; a plate must be
 * a mainland plate (province, letter, five or six characters, new-energy included).
 */
public record CrossingInputRules(BigDecimal minCelsius, BigDecimal maxCelsius, Duration clockSkew) {

    public static final CrossingInputRules DEFAULT =
            new CrossingInputRules(new BigDecimal("34.0"), new BigDecimal("43.0"), Duration.ofMinutes(2));

    private static final Pattern PLATE = Pattern.compile(
            "[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警]");

    /** A field of the request and what is wrong with it. */
    public record Problem(String field, String reason) {
    }

    public List<Problem> problemsWith(BigDecimal celsius, boolean temperatureRequired, Instant occurredAt,
                                      Instant now) {
        List<Problem> problems = new ArrayList<>();
        if (celsius == null) {
            if (temperatureRequired) {
                problems.add(new Problem("temperatureCelsius", "is required for a person crossing"));
            }
        } else if (celsius.compareTo(minCelsius) < 0 || celsius.compareTo(maxCelsius) > 0) {
            problems.add(new Problem("temperatureCelsius", "must be between " + minCelsius.toPlainString()
                    + " and " + maxCelsius.toPlainString() + " °C"));
        }
        if (occurredAt != null && occurredAt.isAfter(now.plus(clockSkew))) {
            problems.add(new Problem("occurredAt", "must not be in the future (more than " + clockSkew
                    + " ahead of the server)"));
        }
        return problems;
    }

    public static boolean isPlate(String plate) {
        return plate != null && PLATE.matcher(plate).matches();
    }
}
