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

    private long next = 1;
    private long end;
    private long deadline = Long.MIN_VALUE;
    private long leaseStart;
    private int leaseSize;
    private long leases;
    private long roundTrips;

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
        int size = Math.max(count, nextBlockSize(now));
        if (left > 0 && leasing()) {
            // Nobody took indexes since this lease: no commit sits above its rest, so the rest
            // cannot be late for a reader; keep it and extend the lease.
            Document extended = counters.findOneAndUpdate(and(eq("_id", counterId), eq("value", end)),
                    Updates.inc("value", (long) size), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            roundTrips++;
            if (extended != null) {
                open(now, next, ((Number) extended.get("value")).longValue());
                return handOut(count, true);
            }
            if (alive) {
                long last = increment(count);
                return new Slice(last - count + 1, last, now + lifetimeNanos, true);
            }
        }
        long last = increment(size);
        open(now, last - size + 1, last);
        return handOut(count, true);
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
        return leases > 0 && from >= next && to <= end;
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
