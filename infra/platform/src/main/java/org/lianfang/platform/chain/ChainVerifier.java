package org.lianfang.platform.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * Recomputes the chain from the stored events, one bounded page of global indexes at a time, and
 * compares every link with the recorded one. The page is anchored on the recorded hash just
 * before it, so a full check pages from index 1 following {@code next}.
 */
public class ChainVerifier implements AutoCloseable {

    /** Threads reading one check's chunks at once: a trail's check is a dozen bounded reads. */
    static final int READERS = 8;

    private final StoredEvents events;
    private final ChainStore store;
    private final ExecutorService reads;

    public ChainVerifier(StoredEvents events, ChainStore store) {
        this.events = events;
        this.store = store;
        AtomicInteger n = new AtomicInteger();
        this.reads = Executors.newFixedThreadPool(READERS, r -> {
            Thread thread = new Thread(r, "chain-reads-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
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
            Mismatch mismatch = compare(i, entry, stored.get(i), previous);
            if (mismatch != null) {
                return failed(from, checked, head, mismatch);
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

    /**
     * Checks single events, e.g. those of one person's trail, without walking the whole chain: each
     * event's link from the recorded hash before it, and the next link from its recorded hash (so an
     * entry re-hashed to match an altered event is caught too). Indexes above the head are not
     * chained yet and are left out ({@code checked} counts the others).
     */
    public Verification verifyEvents(List<Long> globalIndexes) {
        return verifyEvents(globalIndexes, Map.of());
    }

    /**
     * {@link #verifyEvents(List)}, taking the stored text of the events the caller has just read
     * from {@code alreadyRead} instead of reading them again (their successors are still read).
     * Only for messages read without upcasters: an upcast message no longer carries the stored text.
     */
    public Verification verifyEvents(List<Long> globalIndexes, Map<Long, ? extends TrackedEventMessage<?>> alreadyRead) {
        ChainStore.Head head = store.head();
        List<Long> wanted = globalIndexes.stream().filter(i -> i >= 1 && i <= head.index()).distinct().sorted().toList();
        List<Long> keys = new ArrayList<>();
        for (long i : wanted) {
            for (long k = Math.max(1, i - 1); k <= Math.min(head.index(), i + 1); k++) {
                keys.add(k);
            }
        }
        // the head first: entries are written before the head moves, so all up to it are there now
        List<CompletableFuture<Map<Long, ChainStore.Entry>>> entryReads = new ArrayList<>();
        for (List<Long> chunk : chunks(keys.stream().distinct().toList(), ChainStore.IN_CHUNK)) {
            entryReads.add(CompletableFuture.supplyAsync(() -> store.entries(chunk), reads));
        }
        List<Long> links = new ArrayList<>();
        for (long i : wanted) {
            for (long link = i; link <= Math.min(head.index(), i + 1); link++) {
                links.add(link);
            }
        }
        Map<Long, StoredEvent> stored = new HashMap<>();
        java.util.Set<Long> unread = new java.util.TreeSet<>();
        for (long link : links) {
            TrackedEventMessage<?> read = alreadyRead.get(link);
            if (read != null) {
                stored.put(link, events.of(link, read));
            } else {
                unread.add(link);
            }
        }
        List<CompletableFuture<Map<Long, StoredEvent>>> eventReads = new ArrayList<>();
        for (List<Long> chunk : chunks(List.copyOf(unread), StoredEvents.AT_CHUNK)) {
            eventReads.add(CompletableFuture.supplyAsync(() -> events.at(chunk), reads));
        }
        Map<Long, ChainStore.Entry> entries = new HashMap<>();
        entryReads.forEach(read -> entries.putAll(join(read)));
        eventReads.forEach(read -> stored.putAll(join(read)));
        int checked = 0;
        for (long i : wanted) {
            for (long link = i; link <= Math.min(head.index(), i + 1); link++) {
                ChainStore.Entry entry = entries.get(link);
                StoredEvent event = stored.get(link);
                ChainStore.Entry before = link == 1 ? null : entries.get(link - 1);
                String previous = link == 1 ? ChainHash.GENESIS : before == null ? null : before.hash();
                Mismatch mismatch = compare(link, entry, event, previous);
                if (mismatch != null) {
                    return new Verification(false, wanted.get(0), checked, null, null, head, mismatch);
                }
            }
            if (i == head.index() && !head.hash().equals(entries.get(i).hash())) { // compare() ensured the entry
                return new Verification(false, wanted.get(0), checked, null, null, head, new Mismatch(i,
                        entries.get(i).eventId(), head.hash(), entries.get(i).hash(),
                        "the head's hash differs from the last entry's"));
            }
            checked++;
        }
        return new Verification(true, wanted.isEmpty() ? 0 : wanted.get(0), checked,
                wanted.isEmpty() ? null : wanted.get(wanted.size() - 1), null, head, null);
    }

    /**
     * What the chain records at {@code globalIndex} (empty above the head or where it has no
     * entry), read on this verifier's readers: e.g. an anchored head, looked up beside a check.
     */
    public CompletableFuture<Optional<ChainStore.Entry>> recorded(long globalIndex) {
        return CompletableFuture.supplyAsync(() -> {
            ChainStore.Head head = store.head();
            return globalIndex < 1 || globalIndex > head.index() ? Optional.<ChainStore.Entry>empty()
                    : Optional.ofNullable(store.entries(List.of(globalIndex)).get(globalIndex));
        }, reads);
    }

    /** {@link CompletableFuture#join}, rethrowing what the read failed with. */
    public static <T> T result(CompletableFuture<T> read) {
        return join(read);
    }

    private static List<List<Long>> chunks(List<Long> all, int size) {
        List<List<Long>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            chunks.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return chunks;
    }

    /** A read's result, or the exception it failed with (so a store outage still maps to its problem). */
    private static <T> T join(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Stops the reader threads (the context closes). */
    @Override
    public void close() {
        reads.shutdownNow();
    }

    private static Mismatch compare(long index, ChainStore.Entry entry, StoredEvent event, String previous) {
        String eventId = event != null ? event.eventId() : entry == null ? null : entry.eventId();
        if (previous == null || entry == null) {
            return new Mismatch(previous == null ? index - 1 : index, eventId, null, null,
                    "the chain has no entry at this index");
        }
        String actual = event == null ? ChainHash.hole(index, previous) : ChainHash.of(event, previous);
        if (entry.hash().equals(actual)) {
            return null;
        }
        String reason;
        if (entry.hole() && event != null) {
            reason = "an event is stored where the chain recorded a hole";
        } else if (!entry.hole() && event == null) {
            reason = "the chained event is no longer stored";
        } else if (!entry.hole() && !Objects.equals(entry.eventId(), event.eventId())) {
            reason = "another event is stored at this index";
        } else {
            reason = "the stored event differs from the chained one";
        }
        return new Mismatch(index, eventId, entry.hash(), actual, reason);
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
