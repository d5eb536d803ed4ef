package org.lianfang.contracts.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResidentIdNumberTest {

    @ParameterizedTest(name = "{0} has check character {1}")
    @CsvSource({
            "11010519491231002, X",
            "41132419800101123, X",
            "41132419900307456, 2",
            "44030419851201001, 9",
            "11010119800101000, 2",
            "41132420000229001, 5",
            "31011519700101751, 2",
    })
    void computesTheCheckCharacter(String first17, char expected) {
        assertThat(ResidentIdNumber.checkCharacter(first17)).isEqualTo(expected);
        assertThat(ResidentIdNumber.isValid(first17 + expected)).isTrue();
    }

    @ParameterizedTest(name = "{0} is rejected: {1}")
    @CsvSource(delimiter = '|', value = {
            "110105194912310021  | the check character does not match (GB 11643-1999)",
            "41132419800101123 | must be 18 characters",
            "41132419800101123XX | must be 18 characters",
            "4113241980010112AX | the first 17 characters must be digits",
            "41132419800101123Y | the last character must be a digit or X",
            "41132419800101123x | the last character must be a digit or X",
            "411324198013011230 | characters 7 to 14 must be a valid birth date (yyyyMMdd)",
            "411324199902301230 | characters 7 to 14 must be a valid birth date (yyyyMMdd)",
            "411324189901011230 | characters 7 to 14 must be a valid birth date (yyyyMMdd)",
            "１１０１０５１９４９１２３１００２X | the first 17 characters must be digits",
    })
    void rejectsMalformedNumbers(String candidate, String reason) {
        assertThat(ResidentIdNumber.problemWith(candidate)).contains(reason);
        assertThatThrownBy(() -> new ResidentIdNumber(candidate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(reason);
    }

    @ParameterizedTest(name = "{0} masks to {1}")
    @CsvSource({
            "41132419800101123X, 4113**********123X",
            "11010519491231002X, 1101**********002X",
            "440304198512010019, 4403**********0019",
    })
    void masksAllButTheFirstAndLastFour(String number, String masked) {
        ResidentIdNumber id = new ResidentIdNumber(number);
        assertThat(id.masked()).isEqualTo(masked);
        assertThat(id.toString()).isEqualTo(masked).doesNotContain(number.substring(4, 14));
    }

    @ParameterizedTest(name = "{0} was born on {1}")
    @CsvSource({
            "11010519491231002X, 1949-12-31",
            "411324200002290015, 2000-02-29",
    })
    void readsTheBirthDate(String number, LocalDate birthDate) {
        assertThat(new ResidentIdNumber(number).birthDate()).isEqualTo(birthDate);
    }

    @Test
    void ofAcceptsALowerCaseCheckCharacter() {
        assertThat(ResidentIdNumber.of("41132419800101123x").value()).isEqualTo("41132419800101123X");
    }
}
