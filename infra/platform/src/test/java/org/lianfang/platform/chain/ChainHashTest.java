package org.lianfang.platform.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every stored field and the previous link are covered, and no two field splits collide. */
class ChainHashTest {

    private static final StoredEvent EVENT = new StoredEvent(7, "e-1", "Widget", "w-1", 2L,
            Instant.parse("2020-02-01T08:00:00.123456Z"), "org.x.WidgetCreated", null,
            "{\"name\":\"w\"}", "{\"actor\":\"op-1\"}");

    @Test
    void changingAnyFieldOrThePreviousHashChangesTheHash() {
        String base = ChainHash.of(EVENT, ChainHash.GENESIS);
        assertThat(base).hasSize(64).isEqualTo(ChainHash.of(EVENT, ChainHash.GENESIS));
        List<UnaryOperator<StoredEvent>> changes = List.of(
                e -> new StoredEvent(8, e.eventId(), e.aggregateType(), e.aggregateId(), e.sequence(), e.timestamp(), e.payloadType(), e.payloadRevision(), e.payload(), e.metaData()),
                e -> new StoredEvent(e.globalIndex(), "e-2", e.aggregateType(), e.aggregateId(), e.sequence(), e.timestamp(), e.payloadType(), e.payloadRevision(), e.payload(), e.metaData()),
                e -> new StoredEvent(e.globalIndex(), e.eventId(), null, e.aggregateId(), e.sequence(), e.timestamp(), e.payloadType(), e.payloadRevision(), e.payload(), e.metaData()),
                e -> new StoredEvent(e.globalIndex(), e.eventId(), e.aggregateType(), "w-2", e.sequence(), e.timestamp(), e.payloadType(), e.payloadRevision(), e.payload(), e.metaData()),
                e -> new StoredEvent(e.globalIndex(), e.eventId(), e.aggregateType(), e.aggregateId(), 3L, e.timestamp(), e.payloadType(), e.payloadRevision(), e.payload(), e.metaData()),
                e -> new StoredEvent(e.globalIndex(), e.eventId(), e.aggregateType(), e.aggregateId(), e.sequence(), e.timestamp().plusNanos(1), e.payloadType(), e.payloadRevision(), e.payload(), e.metaData()),
                e -> new StoredEvent(e.globalIndex(), e.eventId(), e.aggregateType(), e.aggregateId(), e.sequence(), e.timestamp(), "org.x.Other", e.payloadRevision(), e.payload(), e.metaData()),
                e -> new StoredEvent(e.globalIndex(), e.eventId(), e.aggregateType(), e.aggregateId(), e.sequence(), e.timestamp(), e.payloadType(), "2", e.payload(), e.metaData()),
                e -> new StoredEvent(e.globalIndex(), e.eventId(), e.aggregateType(), e.aggregateId(), e.sequence(), e.timestamp(), e.payloadType(), e.payloadRevision(), "{\"name\": \"w\"}", e.metaData()),
                e -> new StoredEvent(e.globalIndex(), e.eventId(), e.aggregateType(), e.aggregateId(), e.sequence(), e.timestamp(), e.payloadType(), e.payloadRevision(), e.payload(), "{}"));
        for (UnaryOperator<StoredEvent> change : changes) {
            assertThat(ChainHash.of(change.apply(EVENT), ChainHash.GENESIS)).isNotEqualTo(base);
        }
        assertThat(ChainHash.of(EVENT, base)).isNotEqualTo(base);
        assertThat(ChainHash.hole(7, ChainHash.GENESIS)).isNotEqualTo(base).isNotEqualTo(ChainHash.hole(8, ChainHash.GENESIS));
    }

    @Test
    void movingTextFromOneFieldToTheNextGivesAnotherHash() {
        StoredEvent split = new StoredEvent(1, "ab", "c", "w", 0L, null, "t", null, "p", "m");
        StoredEvent moved = new StoredEvent(1, "a", "bc", "w", 0L, null, "t", null, "p", "m");
        StoredEvent empty = new StoredEvent(1, "a", "", "w", 0L, null, "t", null, "p", "m");
        StoredEvent absent = new StoredEvent(1, "a", null, "w", 0L, null, "t", null, "p", "m");
        assertThat(ChainHash.of(split, ChainHash.GENESIS)).isNotEqualTo(ChainHash.of(moved, ChainHash.GENESIS));
        assertThat(ChainHash.of(empty, ChainHash.GENESIS)).isNotEqualTo(ChainHash.of(absent, ChainHash.GENESIS));
    }
}
