package org.lianfang.platform.chain;

import java.time.Instant;

/**
 * One event exactly as the event store holds it: the serialized payload and metadata are the
 * stored text, not a re-serialization, so that a change to a single byte shows.
 */
public record StoredEvent(long globalIndex, String eventId, String aggregateType, String aggregateId,
                          Long sequence, Instant timestamp, String payloadType, String payloadRevision,
                          String payload, String metaData) {
}
