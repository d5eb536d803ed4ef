package org.lianfang.checkpoint.tracing.query;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a page of crossings ended: the occurred-at and id of its last item. Opaque to clients;
 * the next page starts strictly after it.
 */
public record TraceCursor(Instant occurredAt, String crossingId) {

    public static Optional<TraceCursor> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int bar = text.indexOf('|');
        if (bar < 1 || bar == text.length() - 1) {
            throw new IllegalArgumentException("not a cursor");
        }
        try {
            return Optional.of(new TraceCursor(Instant.parse(text.substring(0, bar)), text.substring(bar + 1)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a cursor", e);
        }
    }

    static TraceCursor after(CrossingEntry entry) {
        return new TraceCursor(entry.occurredAt(), entry.crossingId());
    }

    boolean isBefore(CrossingEntry entry) {
        int byTime = occurredAt.compareTo(entry.occurredAt());
        return byTime < 0 || (byTime == 0 && crossingId.compareTo(entry.crossingId()) < 0);
    }

    @Override
    public String toString() {
        return occurredAt + "|" + crossingId;
    }
}
