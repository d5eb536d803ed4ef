package org.lianfang.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of {@link TextRules}: visible text passes, and adding a control character or override never does. */
class TextRulesProperties {

    @Property
    void cjkLatinAndEmojiTextPasses(@ForAll("visible") String text) {
        assertThat(TextRules.problemWith(text)).isEmpty();
    }

    @Property
    void aControlCharacterAnywhereIsRefused(@ForAll("visible") String text, @ForAll("controls") char control) {
        int at = text.offsetByCodePoints(0, text.codePointCount(0, text.length()) / 2);
        assertThat(TextRules.problemWith(text.substring(0, at) + control + text.substring(at)))
                .contains("must not contain control characters");
    }

    @Property
    void invisibleCharactersAloneAreRefused(@ForAll("invisible") String text) {
        assertThat(TextRules.problemWith(text)).contains("must contain visible characters");
    }

    @Provide
    Arbitrary<String> visible() {
        return Arbitraries.oneOf(Arbitraries.strings().withCharRange('\u4e00', '\u9fa5'),
                        Arbitraries.strings().alpha().numeric(), Arbitraries.of("😀", "韩测（示例）", "Zoë"))
                .filter(s -> !s.isEmpty());
    }

    @Provide
    Arbitrary<Character> controls() {
        return Arbitraries.oneOf(Arbitraries.chars().range('\u0000', '\u0008'), Arbitraries.chars().range('\u000e', '\u001f'),
                Arbitraries.chars().range('\u007f', '\u009f'));
    }

    @Provide
    Arbitrary<String> invisible() {
        return Arbitraries.strings().withChars('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', ' ')
                .ofMinLength(1).filter(s -> !s.isBlank());
    }
}
