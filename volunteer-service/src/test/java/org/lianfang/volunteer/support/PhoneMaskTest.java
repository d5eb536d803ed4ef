package org.lianfang.volunteer.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lists show a phone's first three and last four digits, never the middle. */
class PhoneMaskTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "13800001234, 138****1234",
            "+8613800001234, +86*******1234",
            "1234567, *******",
            "12345678, 123*5678",
            "null, null"})
    void masksTheMiddle(String phone, String masked) {
        assertThat(PhoneMask.mask(phone)).isEqualTo(masked);
    }
}
