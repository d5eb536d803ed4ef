package org.lianfang.checkpoint.tracing.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The keys of the bucket documents (UTC): one per checkpoint per minute, one per checkpoint per
 * day listing its non-empty minutes, one per person per day, one per checkpoint per hour (board).
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

    static String dayIndex(String checkpointId, LocalDate day) {
        return checkpointId + "|" + day;
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
