package org.lianfang.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianfang.eventstore.TestEvents.event;

/**
 * Two engines — two instances of a service — append 2 × 10,000 events at once while a tracker
 * follows the store: every event arrives exactly once, each aggregate in order, and the tracker's
 * positions only ever move forward except for gaps it fills.
 */
class ConcurrentWritersTest {

    private static final int PER_WRITER = 10_000;

    @Test
    void twoWritersAndATrackerSeeEveryEventExactlyOnce() throws Exception {
        try (TestStore store = TestStore.memory()) {
            MongoDatabase db = store.database("concurrent");
            IndexedMongoEventStorageEngine writerA = IndexedMongoEventStorageEngine.builder().database(db).build();
            IndexedMongoEventStorageEngine writerB = IndexedMongoEventStorageEngine.builder().database(db).build();
            IndexedMongoEventStorageEngine reader = IndexedMongoEventStorageEngine.builder().database(db)
                    .readOnly(true).batchSize(200).build();

            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<?> a = pool.submit(() -> write(writerA, "A"));
            Future<?> b = pool.submit(() -> write(writerB, "B"));

            Set<String> seen = new HashSet<>();
            List<String> duplicates = new ArrayList<>();
            Map<String, Long> lastSequence = new HashMap<>();
            List<String> outOfOrder = new ArrayList<>();
            TrackingToken token = null;
            // A stall, not a slow machine, fails the test: the deadline moves with every event seen.
            long stall = TimeUnit.MINUTES.toNanos(2);
            long deadline = System.nanoTime() + stall;
            while (seen.size() < 2 * PER_WRITER && System.nanoTime() < deadline) {
                List<? extends TrackedEventMessage<?>> batch = reader.readEvents(token, false).limit(500).toList();
                for (TrackedEventMessage<?> message : batch) {
                    DomainEventMessage<?> event = (DomainEventMessage<?>) message;
                    String key = event.getAggregateIdentifier() + "#" + event.getSequenceNumber();
                    if (!seen.add(key)) {
                        duplicates.add(key);
                    }
                    Long previous = lastSequence.put(event.getAggregateIdentifier(), event.getSequenceNumber());
                    if (previous != null && previous + 1 != event.getSequenceNumber()) {
                        outOfOrder.add(key);
                    }
                    token = message.trackingToken();
                }
                if (batch.isEmpty()) {
                    Thread.sleep(5);
                } else {
                    deadline = System.nanoTime() + stall;
                }
            }
            a.get(2, TimeUnit.MINUTES);
            b.get(2, TimeUnit.MINUTES);
            pool.shutdown();

            assertThat(duplicates).isEmpty();
            assertThat(outOfOrder).isEmpty();
            assertThat(seen).hasSize(2 * PER_WRITER);
            // Gaps left are indexes no commit holds: the rest of abandoned leases.
            Set<Long> held = new HashSet<>();
            db.getCollection(IndexedMongoEventStorageEngine.COMMITS).find()
                    .projection(com.mongodb.client.model.Projections.include("first"))
                    .forEach(c -> {
                        for (long i = c.getLong("first"); i <= c.getLong("_id"); i++) {
                            held.add(i);
                        }
                    });
            assertThat(held).hasSize(2 * PER_WRITER);
            assertThat(((GapAwareTrackingToken) token).getGaps()).doesNotContainAnyElementsOf(held);
            assertThat(reader.readEvents(token, false).count()).isZero();
            // The writers leased their indexes: far fewer counter round trips than commits.
            assertThat(writerA.counterRoundTrips() + writerB.counterRoundTrips()).isLessThan(PER_WRITER / 4);
        }
    }

    private static void write(IndexedMongoEventStorageEngine engine, String writer) {
        int written = 0;
        int aggregate = 0;
        while (written < PER_WRITER) {
            String id = writer + "-" + aggregate++;
            int size = Math.min(1 + aggregate % 3, PER_WRITER - written);
            List<DomainEventMessage<?>> commit = new ArrayList<>(size);
            for (int seq = 0; seq < size; seq++) {
                commit.add(event(id, seq));
            }
            engine.appendEvents(commit);
            written += size;
        }
    }
}
