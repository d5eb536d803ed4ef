package org.lianfang.devstore;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.h2.mvstore.MVStore;

/**
 * Makes finished writes durable before they are acknowledged, sharing one MVStore commit among
 * all writers that finished while the previous commit was running.
 *
 * <p>MVStore on its own stores changes about once a second in the background, so a process
 * killed right after acknowledging a write loses it. Here every writer takes a ticket after its
 * change is applied, then waits for a commit that started after its ticket was issued. The first
 * writer to get the lock commits for everybody whose ticket was issued by then; the others find
 * their ticket already covered and return without writing again.
 *
 * <p>{@link MVStore#commit()} writes synchronously, but when the background writer has already
 * collected the changes and is still writing them, it returns without waiting; the file-store
 * barrier below waits for that write to land. Reaching the operating system is what survives a
 * killed process; {@code fsync} additionally survives a crashed machine, at the price of a disk
 * flush per commit.
 */
final class GroupCommit {

    private static final long NOTHING_STORED = -1;

    private final MVStore store;
    private final boolean fsync;
    private final AtomicLong issuedTickets = new AtomicLong();
    private final ReentrantLock commitLock = new ReentrantLock();
    private final AtomicLong commits = new AtomicLong();
    private long durableTickets;

    GroupCommit(MVStore store, boolean fsync) {
        this.store = store;
        this.fsync = fsync;
    }

    /** Returns once every change applied before this call is written to the store file. */
    void awaitDurable() {
        long ticket = issuedTickets.incrementAndGet();
        commitLock.lock();
        try {
            if (durableTickets >= ticket) {
                return;
            }
            long covered = issuedTickets.get();
            commitNow();
            durableTickets = covered;
        } finally {
            commitLock.unlock();
        }
    }

    /** Keeps every writer waiting until closed, by the same thread (tests). */
    AutoCloseable hold() {
        commitLock.lock();
        return commitLock::unlock;
    }

    long commits() {
        return commits.get();
    }

    private void commitNow() {
        if (store.commit() == NOTHING_STORED) {
            store.executeFilestoreOperation(() -> { });
        }
        if (fsync) {
            store.sync();
        }
        commits.incrementAndGet();
    }
}
