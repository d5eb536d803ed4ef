package org.lianfang.platform.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes the chain from the stored events, one bounded page of global indexes at a time, and
 * compares every link with the recorded one. The page is anchored on the recorded hash just
 * before it, so a full check pages from index 1 following {@code next}.
 */
public class ChainVerifier {

    private final StoredEvents events;
    private final ChainStore store;

    public ChainVerifier(StoredEvents events, ChainStore store) {
        this.events = events;
        this.store = store;
    }

    /** Checks the chained indexes {@code from} .. {@code from + limit - 1} (at most up to the head). */
    public Verification verify(long from, int limit) {
        ChainStore.Head head = store.head();
        long to = Math.min(head.index(), from + limit - 1);
        if (from > to) {
            return new Verification(true, from, 0, null, null, head, null);
        }
        List<Long> indexes = new ArrayList<>();
        for (long i = from - 1; i <= to; i++) {
            if (i >= 1) {
                indexes.add(i);
            }
        }
        Map<Long, ChainStore.Entry> entries = store.entries(indexes);
        Map<Long, StoredEvent> stored = new HashMap<>();
        events.after(from - 1, (int) (to - from + 1), to).forEach(e -> stored.put(e.globalIndex(), e));

        String previous;
        if (from == 1) {
            previous = ChainHash.GENESIS;
        } else if (entries.containsKey(from - 1)) {
            previous = entries.get(from - 1).hash();
        } else {
            return failed(from, 0, head, new Mismatch(from - 1, null, null, null,
                    "the chain has no entry at this index"));
        }
        int checked = 0;
        for (long i = from; i <= to; i++) {
            ChainStore.Entry entry = entries.get(i);
            StoredEvent event = stored.get(i);
            String actual = event == null ? ChainHash.hole(i, previous) : ChainHash.of(event, previous);
            String eventId = event != null ? event.eventId() : entry == null ? null : entry.eventId();
            if (entry == null) {
                return failed(from, checked, head, new Mismatch(i, eventId, null, actual,
                        "the chain has no entry at this index"));
            }
            if (!entry.hash().equals(actual)) {
                String reason;
                if (entry.hole() && event != null) {
                    reason = "an event is stored where the chain recorded a hole";
                } else if (!entry.hole() && event == null) {
                    reason = "the chained event is no longer stored";
                } else if (!entry.hole() && !entry.eventId().equals(event.eventId())) {
                    reason = "another event is stored at this index";
                } else {
                    reason = "the stored event differs from the chained one";
                }
                return failed(from, checked, head, new Mismatch(i, eventId, entry.hash(), actual, reason));
            }
            previous = entry.hash();
            checked++;
        }
        if (to == head.index() && !head.hash().equals(previous)) {
            return failed(from, checked, head, new Mismatch(to, entries.get(to).eventId(), head.hash(), previous,
                    "the head's hash differs from the last entry's"));
        }
        return new Verification(true, from, checked, to, to < head.index() ? to + 1 : null, head, null);
    }

    private static Verification failed(long from, int checked, ChainStore.Head head, Mismatch mismatch) {
        return new Verification(false, from, checked, checked == 0 ? null : from + checked - 1, null, head, mismatch);
    }

    /**
     * @param checked       links recomputed and found equal
     * @param lastChecked   the last index found equal (null if none)
     * @param next          where the next page starts, while the head is not reached
     * @param firstMismatch the first link that differs, null if none
     */
    public record Verification(boolean verified, long from, int checked, Long lastChecked, Long next,
                               ChainStore.Head head, Mismatch firstMismatch) {
    }

    /**
     * @param expected the hash the chain recorded (null if it has no entry)
     * @param actual   the hash of what is stored now
     */
    public record Mismatch(long globalIndex, String eventId, String expected, String actual, String reason) {
    }
}
