package org.lianfang.eventstore;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A busy instance takes its next block of global indexes ahead ({@link IndexLeases#refillIfDue()},
 * after a commit, outside the lock), so the writer that empties a lease finds the next one ready
 * instead of asking the counter while the instance's other writers wait for it. Time is a fake
 * monotonic clock: nothing here waits.
 */
class IndexLeasesRefillTest {

    private static final long LIFETIME = Duration.ofMillis(500).toNanos();

    TestStore store;
    MongoCollection<Document> counters;
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @BeforeEach
    void start() {
        store = TestStore.memory();
        counters = store.database("refill").getCollection("event_counters");
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private IndexLeases leases() {
        return new IndexLeases(counters, "global", LIFETIME, 128, nanos::get);
    }

    private long counter() {
        Document counter = counters.find(new Document("_id", "global")).first();
        return counter == null ? 0 : counter.getLong("value");
    }

    /** Leases after 100 commits in no time, each followed by a refill: blocks of 128 by then. */
    private IndexLeases busyLeases() {
        IndexLeases leases = leases();
        for (int commit = 0; commit < 100; commit++) {
            leases.take(1);
            leases.refillIfDue();
        }
        return leases;
    }

    /** Commits until a refill takes a block ahead; returns the last index handed out. */
    private static long untilABlockIsTakenAhead(IndexLeases leases) {
        while (true) {
            long last = leases.take(1).last();
            long before = leases.counterRoundTrips();
            leases.refillIfDue();
            if (leases.counterRoundTrips() != before) {
                return last;
            }
        }
    }

    @Test
    void aBusyInstanceFindsItsNextBlockReadyAndHandsOutEveryIndexInOrder() {
        IndexLeases leases = leases();
        long expected = 1;
        int takesThatAskedTheCounter = 0;
        for (int commit = 0; commit < 2_000; commit++) {
            long before = leases.counterRoundTrips();
            IndexLeases.Slice slice = leases.take(1);
            if (leases.counterRoundTrips() != before) {
                takesThatAskedTheCounter++;
            }
            assertThat(slice.first()).as("commit %d", commit).isEqualTo(expected);
            assertThat(leases.isValid(slice)).isTrue();
            expected++;
            leases.refillIfDue();
        }
        // blocks of 1, 2, 4, 8 and 16 before the instance counts as busy; after that only refills ask
        assertThat(takesThatAskedTheCounter).isLessThanOrEqualTo(5);
        // 2,000 indexes in blocks of at most 128: the refills took the rest
        assertThat(leases.counterRoundTrips()).isBetween(2_000L / 128, 2_000L / 128 + 8);
        // at most the current lease's rest and a block taken ahead are left
        assertThat(counter()).isGreaterThanOrEqualTo(2_000L).isLessThanOrEqualTo(2_000L + 2 * 128);
    }

    @Test
    void theBlockTakenAheadIsThisInstancesUntakenIndexes() {
        IndexLeases leases = busyLeases();
        long next = untilABlockIsTakenAhead(leases) + 1;
        long head = counter();
        assertThat(leases.untaken(next, head)).as("the lease's rest and the block after it").isTrue();
        assertThat(leases.untaken(next - 1, head)).as("an index already handed out").isFalse();
        assertThat(leases.untaken(next, head + 1)).as("beyond what the instance took").isFalse();
    }

    @Test
    void aBlockTakenAheadThatOutlivesItsLifetimeIsKeptWhenNobodyPassedIt() {
        IndexLeases leases = busyLeases();
        long last = untilABlockIsTakenAhead(leases);
        nanos.addAndGet(LIFETIME + 1);
        IndexLeases.Slice slice = leases.take(1);
        assertThat(slice.first()).as("a single instance leaves no gaps").isEqualTo(last + 1);
        assertThat(slice.fresh()).isTrue();
    }

    @Test
    void aLeaseThatExpiresWithARestBelowTheBlockTakenAheadKeepsItsRest() {
        IndexLeases leases = leases();
        long last = 0;
        IndexLeases.Slice slice;
        long before;
        // a commit a millisecond: blocks of 128 (half a lifetime's worth is 250); the block ahead is
        // taken half-way through one, so it outlives the lease it follows by ~64 ms
        do {
            nanos.addAndGet(Duration.ofMillis(1).toNanos());
            last = leases.take(1).last();
            before = leases.counterRoundTrips();
            leases.refillIfDue();
        } while (leases.counterRoundTrips() == before || last < 500);
        long head = counter();
        nanos.addAndGet(LIFETIME - Duration.ofMillis(30).toNanos()); // the lease expired, the block ahead not yet
        slice = leases.take(1);
        assertThat(slice.first()).as("no gap under the block taken ahead").isEqualTo(last + 1);
        assertThat(head).isGreaterThan(last + 1);
    }

    @Test
    void aBlockTakenAheadThatAnotherInstancePassedIsAbandonedOnceItExpired() {
        IndexLeases leases = busyLeases();
        untilABlockIsTakenAhead(leases);
        IndexLeases other = leases();
        long othersFirst = other.take(1).first();
        nanos.addAndGet(LIFETIME + 1);
        IndexLeases.Slice slice = leases.take(1);
        assertThat(slice.first()).as("past the other instance's indexes: what it held expired").isGreaterThan(othersFirst);
        assertThat(slice.fresh()).isTrue();
    }

    @Test
    void anIdleInstanceTakesNothingAhead() {
        IndexLeases leases = leases();
        for (int commit = 0; commit < 50; commit++) {
            leases.take(1);
            nanos.addAndGet(LIFETIME + 1); // every lease expires before the next commit: blocks stay small
            long before = leases.counterRoundTrips();
            leases.refillIfDue();
            assertThat(leases.counterRoundTrips()).isEqualTo(before);
        }
    }

    @Test
    void aWriterWaitsForTheBlockBeingTakenAheadRatherThanAskingTheCounterItself() throws Exception {
        AtomicBoolean holdCounter = new AtomicBoolean();
        AtomicInteger counterCommands = new AtomicInteger();
        CountDownLatch refillStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CommandListener slowCounter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (holdCounter.get() && event.getCommandName().equals("findAndModify")) {
                    counterCommands.incrementAndGet();
                    refillStarted.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(store.uri())).addCommandListener(slowCounter).build())) {
            IndexLeases leases = new IndexLeases(client.getDatabase("refill").getCollection("event_counters"), "global",
                    LIFETIME, 128, nanos::get);
            while (counter() < 300) {
                leases.take(1);
                leases.refillIfDue();
            }
            // hand out indexes until a refill is due, and hold that refill in its round trip
            holdCounter.set(true);
            long headBeforeRefill;
            while (true) {
                headBeforeRefill = counter();
                Thread refill = new Thread(leases::refillIfDue);
                refill.start();
                // not due: the refill returns at once; due: it stops in the counter's round trip
                while (refill.isAlive() && refillStarted.getCount() > 0) {
                    Thread.sleep(1);
                }
                if (refillStarted.getCount() == 0) {
                    break;
                }
                leases.take(1);
            }
            long firstAhead = headBeforeRefill + 1;
            List<Long> firsts = new CopyOnWriteArrayList<>();
            Thread writer = new Thread(() -> {
                long first;
                do {
                    first = leases.take(1).first();
                    firsts.add(first);
                } while (first < firstAhead);
            });
            writer.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (writer.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(writer.getState()).as("the writer that emptied the lease waits for the block on its way")
                    .isEqualTo(Thread.State.WAITING);
            assertThat(counterCommands.get()).as("only the refill asked the counter").isEqualTo(1);
            release.countDown();
            writer.join(5_000);
            assertThat(writer.isAlive()).isFalse();
            assertThat(firsts.get(firsts.size() - 1)).isEqualTo(firstAhead);
            assertThat(counterCommands.get()).as("the writer took the block that was taken ahead").isEqualTo(1);
            for (int k = 1; k < firsts.size(); k++) {
                assertThat(firsts.get(k)).isEqualTo(firsts.get(k - 1) + 1);
            }
        }
    }
}
