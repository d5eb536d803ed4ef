package org.lianfang.contracts.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Properties of the ID-number parser over many generated numbers, not a handful of examples. */
class ResidentIdNumberProperties {

    private static final LocalDate TODAY = LocalDate.of(2020, 1, 24);
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    @Property
    void aNumberBuiltFromAnAreaABirthDateAndASequenceIsValid(@ForAll("numbers") String number) {
        assertThat(ResidentIdNumber.problemWith(number, TODAY)).isEmpty();
        assertThat(ResidentIdNumber.of(number).birthDate()).isEqualTo(LocalDate.parse(number.substring(6, 14), YYYYMMDD));
    }

    @Property
    void changingAnyOneCharacterIsCaught(@ForAll("numbers") String number, @ForAll @IntRange(max = 17) int position,
                                         @ForAll @IntRange(min = 1, max = 10) int shift) {
        String alphabet = position == 17 ? "0123456789X" : "0123456789";
        int index = alphabet.indexOf(number.charAt(position));
        char other = alphabet.charAt((index + 1 + shift % (alphabet.length() - 1)) % alphabet.length());
        String changed = number.substring(0, position) + other + number.substring(position + 1);

        assertThat(ResidentIdNumber.problemWith(changed, TODAY)).as(changed).isPresent();
    }

    @Property
    void swappingTwoAdjacentDifferentDigitsIsCaught(@ForAll("numbers") String number,
                                                   @ForAll @IntRange(max = 15) int position) {
        char a = number.charAt(position);
        char b = number.charAt(position + 1);
        String swapped = number.substring(0, position) + b + a + number.substring(position + 2);

        assertThat(ResidentIdNumber.problemWith(swapped, TODAY).isPresent()).isEqualTo(a != b);
    }

    @Property
    void aBirthDateAfterTodayIsRefusedEvenWithTheRightCheckCharacter(@ForAll("areas") String area,
            @ForAll @IntRange(min = 1, max = 360_000) int daysAhead, @ForAll @IntRange(max = 999) int sequence) {
        String first17 = area + TODAY.plusDays(daysAhead).format(YYYYMMDD) + "%03d".formatted(sequence);
        String number = first17 + ResidentIdNumber.checkCharacter(first17);

        assertThat(ResidentIdNumber.problemWith(number)).isEmpty();
        assertThat(ResidentIdNumber.problemWith(number, TODAY))
                .contains("characters 7 to 14 must be a birth date that is not in the future");
    }

    @Property
    void anyTextIsAnsweredWithAReasonNeverAnException(@ForAll @StringLength(max = 30) String text) {
        assertThat(ResidentIdNumber.isValid(text) || ResidentIdNumber.problemWith(text, TODAY).isPresent()).isTrue();
    }

    @Provide
    Arbitrary<String> numbers() {
        Arbitrary<LocalDate> births = Arbitraries.integers().between(0, (int) (TODAY.toEpochDay()
                - LocalDate.of(1900, 1, 1).toEpochDay())).map(days -> TODAY.minusDays(days));
        return Combinators.combine(areas(), births, Arbitraries.integers().between(0, 999))
                .as((area, birth, sequence) -> {
                    String first17 = area + birth.format(YYYYMMDD) + "%03d".formatted(sequence);
                    return first17 + ResidentIdNumber.checkCharacter(first17);
                });
    }

    @Provide
    Arbitrary<String> areas() {
        return Arbitraries.integers().between(110_000, 659_999).map(String::valueOf);
    }
}
