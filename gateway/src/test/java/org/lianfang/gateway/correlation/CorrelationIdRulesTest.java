package org.lianfang.gateway.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorrelationIdRulesTest {

    @ParameterizedTest(name = "[{0}] well-formed: {1}")
    @CsvSource(delimiter = '|', value = {
            "3f2a1c9e-8b7d-4e6f-9a0b-1c2d3e4f5a6b | true",
            "tablet-7:2020-02-03.42 | true",
            "a | true",
            "a123456789012345678901234567890123456789012345678901234567890123 | true",
            "a1234567890123456789012345678901234567890123456789012345678901234 | false",
            "'' | false",
            "-starts-with-dash | false",
            "has space | false",
            "semi;colon | false",
            "angle<bracket | false",
            "编号42 | false",
    })
    void onlyShortIdsOfSafeCharactersAreWellFormed(String candidate, boolean wellFormed) {
        assertThat(CorrelationId.isWellFormed(candidate)).isEqualTo(wellFormed);
    }

    @Test
    void aControlCharacterIsNotWellFormed() {
        assertThat(CorrelationId.isWellFormed("abc\r\nforged-log-line")).isFalse();
    }

    @Test
    void aWellFormedSingleValueIsKept() {
        assertThat(CorrelationId.acceptOrGenerate(List.of("tablet-7"))).isEqualTo("tablet-7");
    }

    @Test
    void severalValuesAreReplacedByAFreshUuid() {
        String accepted = CorrelationId.acceptOrGenerate(List.of("one", "two"));

        assertThat(UUID.fromString(accepted).toString()).isEqualTo(accepted);
    }

    @Test
    void noValueGetsAFreshUuid() {
        assertThat(CorrelationId.acceptOrGenerate(null)).isNotBlank().isNotEqualTo(CorrelationId.acceptOrGenerate(null));
    }
}
