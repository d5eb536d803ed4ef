package org.lianfang.quarantine.cases.command;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.lianfang.contracts.quarantine.InvalidCaseInputException;

/**
 * Which temperature readings can be true. A value outside {@code [min, max]} is a typing or
 * device error, not a medical fact; a reading from the future or from before the period began is
 * a wrong clock or a wrong case. A little clock skew between the medic's phone and the server is
 * tolerated.
 *
 * @param min      the lowest plausible reading (inclusive)
 * @param max      the highest plausible reading (inclusive)
 * @param skew     how far in the future a reading may claim to be
 */
public record ReadingValidity(BigDecimal min, BigDecimal max, Duration skew) {

    public static final ReadingValidity DEFAULT =
            new ReadingValidity(new BigDecimal("34.0"), new BigDecimal("43.0"), Duration.ofMinutes(2));

    /** What is wrong with the reading, as an exception naming the field, or empty if it can be true. */
    public Optional<InvalidCaseInputException> problemWith(BigDecimal celsius, Instant occurredAt,
                                                         Instant periodStart, Instant now) {
        if (celsius == null) {
            return Optional.of(new InvalidCaseInputException("celsius", "is required"));
        }
        if (celsius.compareTo(min) < 0 || celsius.compareTo(max) > 0) {
            return Optional.of(new InvalidCaseInputException("celsius",
                    "must be between " + min.toPlainString() + " and " + max.toPlainString() + " °C"));
        }
        return problemWithTime(occurredAt, periodStart, now);
    }

    /** The time rules alone, shared by readings and symptom reports. */
    public Optional<InvalidCaseInputException> problemWithTime(Instant occurredAt, Instant periodStart, Instant now) {
        if (occurredAt == null) {
            return Optional.of(new InvalidCaseInputException("occurredAt", "is required"));
        }
        if (occurredAt.isAfter(now.plus(skew))) {
            return Optional.of(new InvalidCaseInputException("occurredAt", "must not be in the future"));
        }
        if (occurredAt.isBefore(periodStart)) {
            return Optional.of(new InvalidCaseInputException("occurredAt",
                    "must not be before the quarantine began (" + periodStart + ")"));
        }
        return Optional.empty();
    }
}
