package org.lianfang.eventstore;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()}'s text (ISO-8601, UTC, the fraction in groups of three digits, none
 * when zero) written without a formatter, for every commit's event timestamps. {@code toString}
 * goes through {@code DateTimeFormatter.ISO_INSTANT}: a print context, a {@code LocalDateTime}
 * and a growing {@code StringBuilder} per call, about 1 KB of allocation per event (session 19
 * profile of one-event commits). Years outside 0000–9999 are left to {@code toString}.
 */
final class IsoInstant {

    private static final long FIRST = -62_167_219_200L; // 0000-01-01T00:00:00Z
    private static final long LAST = 253_402_300_799L; // 9999-12-31T23:59:59Z

    private IsoInstant() {
    }

    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST || seconds > LAST) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        int ofDay = (int) Math.floorMod(seconds, 86_400L);
        int nano = instant.getNano();
        int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        byte[] text = new byte[20 + (digits == 0 ? 0 : digits + 1)];
        put(text, 0, date.getYear(), 4);
        text[4] = '-';
        put(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        put(text, 11, ofDay / 3600, 2);
        text[13] = ':';
        put(text, 14, ofDay / 60 % 60, 2);
        text[16] = ':';
        put(text, 17, ofDay % 60, 2);
        int at = 19;
        if (digits > 0) {
            text[at++] = '.';
            put(text, at, digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1_000 : nano, digits);
            at += digits;
        }
        text[at] = 'Z';
        return new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static void put(byte[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
