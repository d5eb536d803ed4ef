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
        return Instant.parse(minute + ":00Z");
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
