package org.lianfang.platform.web;

import java.util.Optional;

/**
 * What text a client may send in any JSON string of a request body. People's names, notes and
 * places are shown to other people on boards and lists, so text that is invisible or that
 * reorders what is shown around it is refused where it enters:
 * <ul>
 *   <li>control characters (C0 except tab, CR and LF; DEL; C1), NUL included;</li>
 *   <li>an unpaired surrogate (a {@code \ud800} escape), which storage would turn into U+FFFD;</li>
 *   <li>bidi overrides (LRO U+202D, RLO U+202E): they make a name or note read differently from
 *       what it is ("Trojan Source");</li>
 *   <li>an unbalanced bidi embedding or isolate: LRE/RLE (U+202A/B) without its PDF (U+202C), or
 *       LRI/RLI/FSI (U+2066–2068) without its PDI (U+2069), or a PDF/PDI closing nothing — it would
 *       reorder what is shown after the value. Balanced ones are accepted: Android and Uyghur or
 *       Arabic IMEs wrap right-to-left names in them, as they add RLM/LRM/ALM;</li>
 *   <li>a value with nothing visible that {@code @NotBlank} would let through: only invisible
 *       characters (zero-width spaces, bidi marks, combining marks, Hangul fillers) and whitespace
 *       {@code String.trim()} does not strip (U+3000 ideographic space, U+00A0, U+2000–U+200A…).
 *       Refused in every field, optional ones too: such a value names nothing and shows as blank.</li>
 * </ul>
 * Empty and ASCII-whitespace-only values pass here: an optional field may be {@code ""}, and
 * {@code @NotBlank} refuses them where a value is required, in its own words.
 */
public final class TextRules {

    private TextRules() {
    }

    /** Why {@code value} is refused, or empty if it may be read. */
    public static Optional<String> problemWith(String value) {
        boolean beyondTrim = false;
        boolean visible = false;
        StringBuilder open = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    visible = true;
                    i++;
                    continue;
                }
                return Optional.of("must not contain an unpaired surrogate");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("must not contain an unpaired surrogate");
            }
            if (isControl(c)) {
                return Optional.of("must not contain control characters");
            }
            if (c == '\u202D' || c == '\u202E') {
                return Optional.of("must not contain bidirectional override characters");
            }
            if (c == '\u202A' || c == '\u202B') {
                open.append('E');
            } else if (c >= '\u2066' && c <= '\u2068') {
                open.append('I');
            } else if (c == '\u202C' || c == '\u2069') {
                char closes = c == '\u202C' ? 'E' : 'I';
                if (open.isEmpty() || open.charAt(open.length() - 1) != closes) {
                    return Optional.of(UNBALANCED);
                }
                open.setLength(open.length() - 1);
            }
            if (c > ' ') {
                beyondTrim = true;
            }
            if (!isInvisible(c) && !Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                visible = true;
            }
        }
        if (!open.isEmpty()) {
            return Optional.of(UNBALANCED);
        }
        if (beyondTrim && !visible) {
            return Optional.of("must contain visible characters");
        }
        return Optional.empty();
    }

    private static final String UNBALANCED = "must not contain unbalanced bidirectional embeddings or isolates";

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }

    private static boolean isInvisible(char c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK || c == '\u3164' || c == '\uFFA0' || c == '\u115F'
                || c == '\u1160';
    }
}
