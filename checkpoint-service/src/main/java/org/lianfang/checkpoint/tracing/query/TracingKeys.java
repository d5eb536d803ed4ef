package org.lianfang.checkpoint.tracing.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The keys of the bucket documents (UTC): one per checkpoint per minute, one per checkpoint per
 * hour listing its non-empty minutes, one per person per day, one per checkpoint per hour (board).
 */
final class TracingKeys {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH")
            .withZone(ZoneOffset.UTC);

    private TracingKeys() {
    }

    static String minute(Instant at) {
        return MINUTE.format(at);
    }

    static String hour(Instant at) {
        return HOUR.format(at);
    }

    static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    static Instant minuteStart(String minute) {
        return utc(minute, 0);
    }

    /**
     * An instant as {@link Instant#toString()} wrote it; whole seconds ({@code 2020-02-03T00:10:00Z}, as
     * crossings and minute keys mostly are) without {@link java.time.format.DateTimeFormatter}, which was
     * a sixth of a tracing read's CPU. Anything else goes through {@link Instant#parse}.
     */
    static Instant instant(String text) {
        if (text.length() == 20 && text.charAt(19) == 'Z' && text.charAt(16) == ':' && digitsAt(text, 17, 19)
                && isMinute(text)) {
            return utc(text, Integer.parseInt(text, 17, 19, 10));
        }
        return Instant.parse(text);
    }

    private static boolean digitsAt(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} starts with {@code yyyy-MM-ddTHH:mm}. */
    private static boolean isMinute(String text) {
        return text.length() >= 16 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && digitsAt(text, 0, 4) && digitsAt(text, 5, 7) && digitsAt(text, 8, 10)
                && digitsAt(text, 11, 13) && digitsAt(text, 14, 16);
    }

    /** {@code yyyy-MM-ddTHH:mm} at the start of {@code text}, plus {@code seconds}, in UTC. */
    private static Instant utc(String text, int seconds) {
        if (!isMinute(text)) {
            throw new java.time.format.DateTimeParseException("not yyyy-MM-ddTHH:mm", text, 0);
        }
        return java.time.LocalDateTime.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10),
                Integer.parseInt(text, 8, 10, 10), Integer.parseInt(text, 11, 13, 10), Integer.parseInt(text, 14, 16, 10),
                seconds).toInstant(ZoneOffset.UTC);
    }

    static String minuteBucket(String checkpointId, String minute) {
        return checkpointId + "|" + minute;
    }

    static String hourIndex(String checkpointId, String hour) {
        return checkpointId + "|" + hour;
    }

    /** The hour keys of {@code checkpointId} from the hour of {@code from} to the hour of {@code to}, both included. */
    static java.util.List<String> hourIndexes(String checkpointId, Instant from, Instant to) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        for (Instant h = from.truncatedTo(ChronoUnit.HOURS); !h.isAfter(to); h = h.plus(1, ChronoUnit.HOURS)) {
            keys.add(hourIndex(checkpointId, hour(h)));
        }
        return keys;
    }

    static String personDay(String personId, LocalDate day) {
        return personId + "|" + day;
    }

    static String boardHour(String checkpointId, String hour) {
        return checkpointId + "|" + hour;
    }

    static Instant truncatedToMinute(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES);
    }
}
