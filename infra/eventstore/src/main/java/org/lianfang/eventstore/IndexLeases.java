package org.lianfang.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.function.LongSupplier;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Global indexes leased from the counter in blocks, so that most commits take their indexes
 * without a round trip (like Hibernate's pooled optimizer).
 *
 * <p>A lease lives for a short, fixed time. Its indexes not used by then are abandoned: they
 * stay gaps, which gap-aware tokens tolerate and clean after the gap timeout. The writer checks
 * {@link #isValid(Slice)} right before its insert and takes new indexes if the lease expired, so
 * a commit is never written later than the lease's lifetime after its indexes left the counter
 * — without leases the bound is the time between the counter and the insert; leases raise it by
 * the lifetime, which is why the lifetime must stay well under the gap timeout.
 *
 * <p>An expired lease whose rest nobody has passed (the counter still ends where the lease ends)
 * keeps its rest: no commit sits above those indexes, so none can be late for a reader. That one
 * conditional {@code $inc} costs no extra round trip on a single instance; with several, it
 * fails when another instance took indexes meanwhile, and the rest is abandoned.
 *
 * <p>The block size follows the instance's own commit rate: about half a lifetime's worth of
 * indexes, at most doubling from one lease to the next, so an idle or bursty instance abandons
 * few indexes and a busy one asks the counter rarely.
 *
 * <p>A busy instance takes its next block before the current one runs out ({@link #refillIfDue()},
 * called by a writer after its insert, outside the lock): once half of a block of at least
 * {@value #PREFETCH_MIN_BLOCK} indexes is handed out, the next block is taken and kept aside, with
 * its own deadline from the moment it left the counter. Without it, the writer that found the
 * block empty asked the counter while holding the lock, and every other writer of the instance
 * waited for that round trip: 4 writers on the memory backend (blocks of 128 at ~20,000
 * commits/s) waited 100–160 ms a second for the lock, 1–3 ms with the block taken ahead (session
 * 18; on this CPU-bound machine their rate did not change, but on a replica set a majority
 * {@code $inc} takes milliseconds). Larger blocks would make the wait rarer, but they are what the
 * cap is there to prevent (a reader's token holds the other instances' unused indexes as gaps,
 * and asks for them by key in every batch).
 * A block taken ahead that expires unused is kept as an expired lease's rest is, if nobody took
 * indexes since, so a single instance still leaves no gaps.
 */
final class IndexLeases {

    /**
     * Indexes {@code first..last} handed to one commit, usable until {@code deadline} (nanos);
     * {@code fresh} if they open a lease this very call took from the counter.
     */
    record Slice(long first, long last, long deadline, boolean fresh) {
    }

    private final MongoCollection<Document> counters;
    private final String counterId;
    private final long lifetimeNanos;
    private final int maxBlock;
    private final LongSupplier nanos;

    /** A block at least this large is refilled before it runs out; below it the instance is not busy. */
    static final int PREFETCH_MIN_BLOCK = 16;

    private long next = 1;
    private long end;
    private long deadline = Long.MIN_VALUE;
    private long leaseStart;
    private int leaseSize;
    private long leases;
    private long roundTrips;
    /** The block taken ahead ({@code pendingFirst..pendingLast}, none while {@code pendingLast < pendingFirst}), and when it left the counter. */
    private long pendingFirst = 1;
    private long pendingLast;
    private long pendingTaken;
    /** A writer is taking the next block ahead, outside the lock. */
    private boolean refilling;

    IndexLeases(MongoCollection<Document> counters, String counterId, long lifetimeNanos, int maxBlock,
                LongSupplier nanos) {
        this.counters = counters;
        this.counterId = counterId;
        this.lifetimeNanos = lifetimeNanos;
        this.maxBlock = lifetimeNanos <= 0 ? 1 : Math.max(1, maxBlock);
        this.nanos = nanos;
    }

    /**
     * {@code count} consecutive indexes, from the current lease if it has them and is alive;
     * otherwise the lease is extended if nobody passed it, or replaced. A commit larger than what
     * is left of a live lease that cannot be extended takes its own block, so that the rest of
     * the lease still serves later commits instead of becoming gaps.
     */
    synchronized Slice take(int count) {
        long now = nanos.getAsLong();
        boolean alive = leases > 0 && leasing() && now - deadline < 0;
        long left = leases == 0 ? 0 : end - next + 1;
        if (alive && left >= count) {
            return handOut(count, false);
        }
        while (refilling) {
            // the next block is on its way: waiting for it costs less than a round trip of our own
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            now = nanos.getAsLong();
            alive = leases > 0 && leasing() && now - deadline < 0;
            left = leases == 0 ? 0 : end - next + 1;
            if (alive && left >= count) {
                return handOut(count, false);
            }
        }
        Slice fromPending = fromPending(count, now, alive, left);
        if (fromPending != null) {
            return fromPending;
        }
        int size = Math.max(count, nextBlockSize(now));
        // What the instance still holds: the rest of its lease, and a block taken ahead (the rest of
        // the lease only if nobody took indexes between the two).
        boolean ahead = pendingLast >= pendingFirst;
        long keepFrom = ahead && pendingFirst != end + 1 ? pendingFirst : left > 0 ? next : ahead ? pendingFirst : -1;
        long heldUpTo = ahead ? pendingLast : end;
        if (keepFrom > 0 && leasing()) {
            // Nobody took indexes since: no commit sits above what is held, so none of it can be
            // late for a reader; keep it and extend the lease (a single instance leaves no gaps,
            // also after a block taken ahead outlived its lifetime).
            Document extended = counters.findOneAndUpdate(and(eq("_id", counterId), eq("value", heldUpTo)),
                    Updates.inc("value", (long) size), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            roundTrips++;
            if (extended != null) {
                pendingLast = pendingFirst - 1;
                open(now, keepFrom, ((Number) extended.get("value")).longValue());
                return handOut(count, true);
            }
            if (alive) {
                long last = increment(count);
                return new Slice(last - count + 1, last, now + lifetimeNanos, true);
            }
        }
        pendingLast = pendingFirst - 1; // another instance passed it: abandoned, as the lease's rest
        long last = increment(size);
        open(now, last - size + 1, last);
        return handOut(count, true);
    }

    /**
     * The block taken ahead becomes the lease, if it is alive and holds the commit — with what is
     * left of the current lease in front of it when the two are contiguous (nobody took indexes in
     * between); otherwise that rest is abandoned, as an expired lease's is. {@code null}: no such block.
     */
    private Slice fromPending(int count, long now, boolean alive, long left) {
        if (pendingLast < pendingFirst || (!alive && left > 0)) {
            // none; or the lease expired with a rest below the block: abandoning that rest would leave
            // gaps under the block's commits (a hash chain waits a gap timeout on each), so take()
            // keeps both if nobody passed them
            return null;
        }
        long pendingDeadline = pendingTaken + lifetimeNanos;
        boolean joined = alive && left > 0 && pendingFirst == end + 1;
        long usable = pendingLast - pendingFirst + 1 + (joined ? left : 0);
        if (now - pendingDeadline >= 0 || usable < count) {
            return null; // expired or too small: take() keeps it if nobody passed it, as a lease's rest
        }
        long first = joined ? next : pendingFirst;
        // a slice reaching back into the current lease must be written by that lease's deadline
        long sliceDeadline = joined ? deadline : pendingDeadline;
        next = pendingFirst;
        end = pendingLast;
        leaseStart = now;
        leaseSize = (int) (end - next + 1);
        deadline = pendingDeadline;
        leases++;
        pendingLast = pendingFirst - 1;
        Slice slice = new Slice(first, first + count - 1, sliceDeadline, false);
        next = first + count;
        return slice;
    }

    /**
     * Takes the next block ahead if half of a busy lease is handed out and none is taken or being
     * taken: one round trip, made by the calling writer after its commit, while the others go on
     * taking from the current lease. Nothing happens on an idle instance or without leases.
     */
    void refillIfDue() {
        long expectedEnd;
        int size;
        synchronized (this) {
            long now = nanos.getAsLong();
            boolean due = leasing() && maxBlock >= PREFETCH_MIN_BLOCK && leases > 0 && !refilling
                    && pendingLast < pendingFirst && leaseSize >= PREFETCH_MIN_BLOCK
                    && now - deadline < 0 && end - next + 1 <= leaseSize / 2;
            if (!due) {
                return;
            }
            refilling = true;
            expectedEnd = end;
            size = nextBlockSize(now);
        }
        long taken = nanos.getAsLong();
        long last = -1;
        try {
            // contiguous with the current lease if nobody took indexes since it
            Document extended = counters.findOneAndUpdate(and(eq("_id", counterId), eq("value", expectedEnd)),
                    Updates.inc("value", (long) size), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            synchronized (this) {
                roundTrips++;
            }
            last = extended != null ? ((Number) extended.get("value")).longValue() : incrementUnlocked(size);
        } finally {
            synchronized (this) {
                if (last >= 0) {
                    pendingFirst = last - size + 1;
                    pendingLast = last;
                    pendingTaken = taken;
                }
                refilling = false;
                notifyAll();
            }
        }
    }

    private Slice handOut(int count, boolean fresh) {
        Slice slice = new Slice(next, next + count - 1, deadline, fresh);
        next += count;
        return slice;
    }

    /**
     * Whether the slice's lease is still alive: checked right before the commit is written. The
     * slice that opened a lease is always valid: taken from the counter by this commit, it is no
     * older than an index taken without leases, and refusing it could starve a writer whose
     * counter round trip outlasts the lifetime.
     */
    boolean isValid(Slice slice) {
        return slice.fresh() || !leasing() || nanos.getAsLong() - slice.deadline() < 0;
    }

    /**
     * Whether the indexes {@code from..to} all lie in this instance's lease and none has been
     * handed out yet: nobody has written them, and only this instance ever may.
     */
    synchronized boolean untaken(long from, long to) {
        if (leases == 0 || from < next) {
            return false;
        }
        // the block taken ahead counts when nothing lies between it and the lease
        return to <= end || (pendingLast >= pendingFirst && pendingFirst == end + 1 && to <= pendingLast);
    }

    synchronized long counterRoundTrips() {
        return roundTrips;
    }

    private boolean leasing() {
        return lifetimeNanos > 0;
    }

    private void open(long now, long first, long last) {
        next = first;
        end = last;
        leaseStart = now;
        leaseSize = (int) (end - first + 1);
        deadline = now + lifetimeNanos;
        leases++;
    }

    private long increment(int size) {
        roundTrips++;
        return counterAfter(size);
    }

    private long incrementUnlocked(int size) {
        synchronized (this) {
            roundTrips++;
        }
        return counterAfter(size);
    }

    private long counterAfter(int size) {
        Document counter = counters.findOneAndUpdate(eq("_id", counterId), Updates.inc("value", (long) size),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) counter.get("value")).longValue();
    }

    private int nextBlockSize(long now) {
        if (leases == 0 || maxBlock == 1) {
            return 1;
        }
        long used = Math.min(next - (end - leaseSize + 1), leaseSize);
        long elapsed = Math.max(now - leaseStart, 1);
        double perLifetime = (double) used * lifetimeNanos / elapsed;
        long target = (long) Math.ceil(perLifetime / 2);
        long grown = Math.min(target, 2L * leaseSize);
        return (int) Math.max(1, Math.min(grown, maxBlock));
    }
}
