package org.lianfang.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link TextRules}: visible text passes (right-to-left names in balanced bidi wrappers too),
 * and adding a control character, an override or an unbalanced embedding never does.
 */
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

    @Property
    void whitespaceThatTrimKeepsIsNothingVisible(@ForAll("unicodeBlank") String text) {
        assertThat(text.trim()).as("@NotBlank would let it through").isNotEmpty();
        assertThat(TextRules.problemWith(text)).contains("must contain visible characters");
    }

    @Property
    void asciiBlankIsLeftToNotBlank(@ForAll("asciiBlank") String text) {
        assertThat(TextRules.problemWith(text)).isEmpty();
    }

    @Property
    void balancedBidiAroundARightToLeftNamePasses(@ForAll("rightToLeft") String name, @ForAll("wrapping") String[] wrap) {
        assertThat(TextRules.problemWith(wrap[0] + name + wrap[1])).isEmpty();
        assertThat(TextRules.problemWith("\u2068" + wrap[0] + name + wrap[1] + "\u2069 (韩测)")).isEmpty();
    }

    @Property
    void anUnclosedOrStrayEmbeddingOrIsolateIsRefused(@ForAll("rightToLeft") String name, @ForAll("wrapping") String[] wrap) {
        String unbalanced = "must not contain unbalanced bidirectional embeddings or isolates";
        if (!wrap[0].isEmpty() && wrap[0].charAt(0) != '\u200f' && wrap[0].charAt(0) != '\u061c') {
            assertThat(TextRules.problemWith(wrap[0] + name)).contains(unbalanced);
            assertThat(TextRules.problemWith(name + wrap[1])).contains(unbalanced);
        }
        assertThat(TextRules.problemWith("\u2067" + name + "\u202c")).contains(unbalanced);
    }

    @Property
    void anOverrideIsRefusedEvenInsideABalancedIsolate(@ForAll("rightToLeft") String name, @ForAll boolean leftToRight) {
        char override = leftToRight ? '\u202d' : '\u202e';
        assertThat(TextRules.problemWith("\u2067" + override + name + "\u202c\u2069"))
                .contains("must not contain bidirectional override characters");
    }

    @Provide
    Arbitrary<String> rightToLeft() {
        return Arbitraries.of("ئابدۇرەھىم", "مۇھەممەت ئېلى", "ئابدۇرەھىم\u200f", "\u200fئابدۇرەھىم", "مرحبا\u061c",
                "عبد الله", "\u200eAli\u200e");
    }

    /** What Android and IMEs put around a right-to-left name: isolates, embeddings, marks, or nothing. */
    @Provide
    Arbitrary<String[]> wrapping() {
        return Arbitraries.of(new String[] {"\u2067", "\u2069"}, new String[] {"\u2066", "\u2069"},
                new String[] {"\u2068", "\u2069"}, new String[] {"\u202b", "\u202c"}, new String[] {"\u202a", "\u202c"},
                new String[] {"\u2067\u202b", "\u202c\u2069"}, new String[] {"\u200f", "\u200f"},
                new String[] {"\u061c", ""}, new String[] {"", ""});
    }

    @Provide
    Arbitrary<String> unicodeBlank() {
        Arbitrary<Character> wide = Arbitraries.of('\u3000', '\u00a0', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004',
                '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u202f', '\u205f', '\u2028', '\u200b', '\u200f');
        return Combinators.combine(wide, Arbitraries.strings().withChars(' ', '\u3000', '\u00a0', '\u200b', '\t').ofMaxLength(6))
                .as((c, rest) -> c + rest);
    }

    @Provide
    Arbitrary<String> asciiBlank() {
        return Arbitraries.strings().withChars(' ', '\t', '\n', '\r').ofMaxLength(8);
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
