package org.lianfang.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianfang.eventstore.TestEvents.event;

/**
 * Leased global indexes: an instance whose lease sits idle abandons it once it expired, so its
 * next commit lands after what other instances wrote meanwhile, and a commit whose lease expired
 * while it was being prepared takes new indexes; tracking sees every event once either way.
 * Time is a fake monotonic clock: nothing here waits.
 */
class IndexLeaseTest {

    private static final Duration LIFETIME = Duration.ofMillis(500);

    TestStore store;
    MongoDatabase db;
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @BeforeEach
    void start() {
        store = TestStore.memory();
        db = store.database("leases");
    }

    @AfterEach
    void stop() {
        store.close();
    }

    IndexedMongoEventStorageEngine engine() {
        return IndexedMongoEventStorageEngine.builder().database(db).indexLeaseLifetime(LIFETIME)
                .nanoClock(nanos::get).build();
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private List<? extends TrackedEventMessage<?>> track(IndexedMongoEventStorageEngine reader) {
        return reader.readEvents(null, false).toList();
    }

    private static long index(TrackedEventMessage<?> event) {
        return ((GapAwareTrackingToken) event.trackingToken()).getIndex();
    }

    private static String key(TrackedEventMessage<?> event) {
        DomainEventMessage<?> e = (DomainEventMessage<?>) event;
        return e.getAggregateIdentifier() + "#" + e.getSequenceNumber();
    }

    @Test
    void aBusyInstanceTakesItsIndexesFromTheCounterOnlyNowAndThen() {
        IndexedMongoEventStorageEngine engine = engine();
        for (int i = 0; i < 200; i++) {
            engine.appendEvents(event("agg-" + i, 0));
        }
        assertThat(engine.counterRoundTrips()).isLessThan(20);
        List<? extends TrackedEventMessage<?>> seen = track(engine);
        assertThat(seen).extracting(IndexLeaseTest::index).containsExactly(
                java.util.stream.LongStream.rangeClosed(1, 200).boxed().toArray(Long[]::new));
    }

    @Test
    void anIdleLeaseExpiresAndItsRestIsAbandonedAsGaps() {
        IndexedMongoEventStorageEngine a = engine();
        IndexedMongoEventStorageEngine b = engine();
        a.appendEvents(event("a", 0));
        a.appendEvents(event("a", 1)); // a second lease, larger than one index: some of it stays unused
        long aLeases = a.counterRoundTrips();
        List<? extends TrackedEventMessage<?>> before = track(a);
        long leftOver = index(before.get(1)) + 1;

        b.appendEvents(event("b", 0));
        long bIndex = track(b).stream().filter(e -> key(e).equals("b#0")).mapToLong(IndexLeaseTest::index).findFirst().orElseThrow();
        assertThat(bIndex).isGreaterThan(leftOver);

        advance(LIFETIME.plusMillis(1));
        a.appendEvents(event("a", 2));
        assertThat(a.counterRoundTrips()).as("tried to keep the rest, then a new lease").isEqualTo(aLeases + 2);

        List<? extends TrackedEventMessage<?>> all = track(a);
        assertThat(all).extracting(IndexLeaseTest::key).containsExactly("a#0", "a#1", "b#0", "a#2");
        assertThat(index(all.get(3))).isGreaterThan(bIndex);
        GapAwareTrackingToken last = (GapAwareTrackingToken) all.get(3).trackingToken();
        assertThat(last.getGaps()).contains(leftOver);
        assertThat(a.readEvents(last, false).count()).isZero();
    }

    @Test
    void anIdleLeaseNobodyPassedKeepsItsRestWhenRenewed() {
        IndexedMongoEventStorageEngine a = engine();
        a.appendEvents(event("a", 0));
        a.appendEvents(event("a", 1));
        advance(LIFETIME.plusMillis(1));
        a.appendEvents(event("a", 2));
        a.appendEvents(event("a", 3));
        a.appendEvents(event("a", 4));
        List<? extends TrackedEventMessage<?>> all = track(a);
        assertThat(all).extracting(IndexLeaseTest::index).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(((GapAwareTrackingToken) all.get(4).trackingToken()).getGaps()).isEmpty();
    }

    @Test
    void aLeaseThatExpiresWhileACommitIsPreparedIsNotUsedForIt() {
        IndexedMongoEventStorageEngine a = engine();
        IndexedMongoEventStorageEngine b = engine();
        a.appendEvents(event("a", 0));
        a.appendEvents(event("a", 1));
        b.appendEvents(event("b", 0));
        long aLeases = a.counterRoundTrips();

        a.afterIndexAllocation = () -> advance(LIFETIME.plusMillis(1));
        a.appendEvents(event("a", 2));
        a.afterIndexAllocation = () -> {
        };
        assertThat(a.counterRoundTrips()).isEqualTo(aLeases + 1);

        List<? extends TrackedEventMessage<?>> all = track(b);
        assertThat(all).extracting(IndexLeaseTest::key).containsExactly("a#0", "a#1", "b#0", "a#2");
        assertThat(all).extracting(IndexLeaseTest::index).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aCommitOpeningALeaseIsWrittenEvenIfTheCounterWasSlow() {
        IndexedMongoEventStorageEngine a = engine();
        a.afterIndexAllocation = () -> advance(LIFETIME.multipliedBy(3));
        a.appendEvents(event("a", 0));
        assertThat(a.counterRoundTrips()).isEqualTo(1);
        assertThat(track(a)).extracting(IndexLeaseTest::index).containsExactly(1L);
    }

    @Test
    void withoutLeasesEveryCommitAsksTheCounter() {
        IndexedMongoEventStorageEngine a = IndexedMongoEventStorageEngine.builder().database(db)
                .indexLeaseLifetime(Duration.ZERO).build();
        for (int i = 0; i < 10; i++) {
            a.appendEvents(event("a", i));
        }
        assertThat(a.counterRoundTrips()).isEqualTo(10);
    }
}
