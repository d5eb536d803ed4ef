package org.lianfang.platform.web;

import java.util.Optional;

/**
 * What text a client may send in any JSON string of a request body. People's names, notes and
 * places are shown to other people on boards and lists, so text that is invisible or that
 * reorders what is shown around it is refused where it enters:
 * <ul>
 *   <li>control characters (C0 except tab, CR and LF; DEL; C1), NUL included;</li>
 *   <li>an unpaired surrogate (a {@code \ud800} escape), which storage would turn into U+FFFD;</li>
 *   <li>explicit bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make a name or
 *       note read differently from what it is ("Trojan Source");</li>
 *   <li>a value made only of invisible characters (format characters such as zero-width spaces,
 *       or marks) with nothing visible: it passes {@code @NotBlank} but names nobody.</li>
 * </ul>
 * Plain whitespace-only values are left to {@code @NotBlank}, which says so in its own words.
 */
public final class TextRules {

    private TextRules() {
    }

    /** Why {@code value} is refused, or empty if it may be read. */
    public static Optional<String> problemWith(String value) {
        boolean invisible = false;
        boolean visible = false;
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
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                return Optional.of("must not contain bidirectional override characters");
            }
            if (isInvisible(c)) {
                invisible = true;
            } else if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                visible = true;
            }
        }
        if (invisible && !visible) {
            return Optional.of("must contain visible characters");
        }
        return Optional.empty();
    }

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
