package org.lianfang.contracts.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A citizen identity number (居民身份证号码) as defined by GB 11643-1999: six digits of address
 * code, eight of birth date (yyyyMMdd), three of sequence and one ISO 7064 MOD 11-2 check
 * character. Only valid numbers can be constructed, so a wrong digit is caught where it is typed.
 *
 * <p>{@link #toString()} is masked on purpose: the full number must never reach a log line.
 */
public record ResidentIdNumber(String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

    public ResidentIdNumber {
        Objects.requireNonNull(value, "value");
        Optional<String> problem = problemWith(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    @JsonCreator
    public static ResidentIdNumber of(String value) {
        return new ResidentIdNumber(value == null ? null : value.toUpperCase());
    }

    /** True if {@code candidate} is a well-formed number with a correct check character. */
    public static boolean isValid(String candidate) {
        return candidate != null && problemWith(candidate).isEmpty();
    }

    /**
     * What is wrong with {@code candidate}, in words a registrar understands, or empty if it is valid.
     * Lower-case {@code x} is not accepted here; {@link #of(String)} normalises it.
     */
    public static Optional<String> problemWith(String candidate) {
        if (candidate.length() != 18) {
            return Optional.of("must be 18 characters");
        }
        for (int i = 0; i < 17; i++) {
            if (!isAsciiDigit(candidate.charAt(i))) {
                return Optional.of("the first 17 characters must be digits");
            }
        }
        char last = candidate.charAt(17);
        if (!isAsciiDigit(last) && last != 'X') {
            return Optional.of("the last character must be a digit or X");
        }
        if (birthDate(candidate).isEmpty()) {
            return Optional.of("characters 7 to 14 must be a valid birth date (yyyyMMdd)");
        }
        if (checkCharacter(candidate) != last) {
            return Optional.of("the check character does not match (GB 11643-1999)");
        }
        return Optional.empty();
    }

    /**
     * As {@link #problemWith(String)}, and the birth date must not be after {@code today}: a number
     * whose check character is right but whose holder is born in 2999 was made up, not mistyped.
     * Kept out of the constructor so that stored numbers read back whatever the clock says.
     */
    public static Optional<String> problemWith(String candidate, LocalDate today) {
        Optional<String> problem = problemWith(candidate);
        if (problem.isEmpty() && birthDate(candidate).orElseThrow().isAfter(today)) {
            return Optional.of("characters 7 to 14 must be a birth date that is not in the future");
        }
        return problem;
    }

    /** The check character for the first 17 digits of {@code number}. */
    public static char checkCharacter(String number) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (number.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** The birth date encoded in the number. */
    public LocalDate birthDate() {
        return birthDate(value).orElseThrow();
    }

    /** The first four and the last four characters, the rest as {@code *}: {@code 4113**********123X}. */
    public String masked() {
        return value.substring(0, 4) + "*".repeat(value.length() - 8) + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }

    private static Optional<LocalDate> birthDate(String number) {
        try {
            LocalDate date = LocalDate.of(
                    Integer.parseInt(number.substring(6, 10)),
                    Integer.parseInt(number.substring(10, 12)),
                    Integer.parseInt(number.substring(12, 14)));
            return date.isBefore(EARLIEST_BIRTH_DATE) ? Optional.empty() : Optional.of(date);
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
