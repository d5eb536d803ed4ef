package org.lianfang.platform.privacy;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.lianfang.contracts.privacy.PurposeEnds;
import org.lianfang.contracts.privacy.PurposeStarts;

/**
 * When each purpose that keeps a person (a quarantine case, …) last started and last ended, from
 * the events marked {@link PurposeStarts} and {@link PurposeEnds}. Folding keeps the latest time
 * of each, so a replay or a redelivered event changes nothing.
 */
public record PurposeFacts(Map<String, Instant> started, Map<String, Instant> ended) {

    public PurposeFacts {
        started = Map.copyOf(started);
        ended = Map.copyOf(ended);
    }

    public static PurposeFacts none() {
        return new PurposeFacts(Map.of(), Map.of());
    }

    /** These facts plus one event of type {@code payloadType} at {@code at}. */
    public PurposeFacts with(Class<?> payloadType, Instant at) {
        PurposeStarts starts = payloadType.getAnnotation(PurposeStarts.class);
        PurposeEnds ends = payloadType.getAnnotation(PurposeEnds.class);
        if (starts == null && ends == null) {
            return this;
        }
        Map<String, Instant> s = new TreeMap<>(started);
        Map<String, Instant> e = new TreeMap<>(ended);
        if (starts != null) {
            s.merge(starts.value(), at, PurposeFacts::later);
        }
        if (ends != null) {
            e.merge(ends.value(), at, PurposeFacts::later);
        }
        return new PurposeFacts(s, e);
    }

    /** True if {@code purpose} started and has not ended since. */
    public boolean isOpen(String purpose) {
        Instant start = started.get(purpose);
        Instant end = ended.get(purpose);
        return start != null && (end == null || end.isBefore(start));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
