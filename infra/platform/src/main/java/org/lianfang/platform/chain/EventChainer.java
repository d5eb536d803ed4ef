package org.lianfang.platform.chain;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Extends the hash chain behind the event store, in global-index order, on its own thread: it
 * only reads the event store, so command handling never waits for it.
 *
 * <p>Gaps: only the contiguous prefix of the store is chained. An index that is missing while a
 * later one is visible is a commit still in flight; the chainer waits for it, and a late commit is
 * chained once, in its place. If the event right after the missing index was stored more than
 * {@code gap-timeout} ago and this chainer has itself waited that long, the index is given up — as Axon's gap-aware tokens give it up — and
 * recorded as a hole; should an event still appear there, verification reports it.
 *
 * <p>One writer: a lease in the head document; the head moves only by compare-and-set. Entries
 * are written before the head moves, so after a crash the next chainer finds them, checks each
 * against its recomputed hash and moves on — nothing before the head is hashed again, nothing
 * is skipped.
 */
public class EventChainer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventChainer.class);
    private static final int MAX_ROUNDS = 20;

    private final StoredEvents events;
    private final ChainStore store;
    private final ChainProperties properties;
    private final String owner;
    private final AtomicLong hashed = new AtomicLong();
    private volatile Clock clock = Clock.systemUTC();
    private volatile ScheduledExecutorService executor;
    private volatile boolean running;
    private long gapAt = -1;
    private Instant gapSeenAt;

    public EventChainer(StoredEvents events, ChainStore store, ChainProperties properties) {
        this.events = events;
        this.store = store;
        this.properties = properties;
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Chains what is visible (up to a bounded amount of work); returns the number of entries added. */
    public synchronized int runOnce() {
        Instant now = clock.instant();
        if (!store.acquire(owner, now, now.plus(properties.lease()))) {
            return 0;
        }
        int added = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            ChainStore.Head head = store.head();
            if (!owner.equals(head.owner())) {
                break;
            }
            List<ChainStore.Entry> next = nextEntries(head);
            if (next.isEmpty()) {
                break;
            }
            ChainStore.Head to = head;
            now = clock.instant();
            if (!store.insertAll(next, now)) {
                // Some are there already: left above the head by a chainer that stopped before moving it.
                Map<Long, ChainStore.Entry> existing = store.entries(next.stream().map(ChainStore.Entry::globalIndex).toList());
                for (ChainStore.Entry entry : next) {
                    ChainStore.Entry found = existing.get(entry.globalIndex());
                    if (found == null) {
                        store.insert(entry, now);
                    } else if (!found.hash().equals(entry.hash())) {
                        log.warn("Replacing chain entry {} left above the head by another chainer", entry.globalIndex());
                        store.replace(entry, now);
                    }
                }
            }
            for (ChainStore.Entry entry : next) {
                to = to.then(entry);
            }
            if (!store.advance(owner, head, to, now, now.plus(properties.lease()))) {
                log.info("The chain head moved under this chainer; another instance holds the lease now");
                break;
            }
            added += next.size();
            if (next.size() < properties.batchSize()) {
                break;
            }
        }
        return added;
    }

    /** The entries that follow {@code head}: the contiguous visible events, with holes given up. */
    private List<ChainStore.Entry> nextEntries(ChainStore.Head head) {
        List<StoredEvent> visible = events.after(head.index(), properties.batchSize(), Long.MAX_VALUE);
        List<ChainStore.Entry> result = new ArrayList<>(visible.size());
        long index = head.index();
        String previous = head.hash();
        Instant holeBefore = clock.instant().minus(properties.gapTimeout());
        for (StoredEvent event : visible) {
            if (event.globalIndex() > index + 1) {
                if (gapAt != index + 1) {
                    gapAt = index + 1;
                    gapSeenAt = clock.instant();
                }
                // Both: the event after it is old (its writer's clock), and this chainer has waited
                // that long itself (a command that ran long stamps its events early).
                if (!event.timestamp().isBefore(holeBefore) || gapSeenAt.isAfter(holeBefore)) {
                    break;
                }
                for (long missing = index + 1; missing < event.globalIndex(); missing++) {
                    previous = ChainHash.hole(missing, previous);
                    result.add(new ChainStore.Entry(missing, previous, null, true));
                }
                log.warn("Global indexes {}..{} of the event store were never written; chained as holes",
                        index + 1, event.globalIndex() - 1);
            }
            previous = ChainHash.of(event, previous);
            hashed.incrementAndGet();
            result.add(new ChainStore.Entry(event.globalIndex(), previous, event.eventId(), false));
            index = event.globalIndex();
        }
        return result;
    }

    /** Events this instance has hashed while extending the chain (a restarted one starts at 0). */
    public long hashedSinceStart() {
        return hashed.get();
    }

    /** Who this chainer is in the lease. */
    public String owner() {
        return owner;
    }

    /** A test seam: the clock for the lease and the gap timeout. */
    void clock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        running = true;
        Duration interval = properties.interval();
        if (executor != null || interval.isZero() || interval.isNegative()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-chainer");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("Extending the event chain failed; trying again next round: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService scheduled;
        synchronized (this) {
            running = false;
            scheduled = executor;
            executor = null;
        }
        if (scheduled != null) {
            scheduled.shutdown();
            try {
                scheduled.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            synchronized (this) {
                store.release(owner);
            }
        } catch (RuntimeException e) {
            log.debug("Could not release the chain lease: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
