package org.lianfang.contracts.registry;

import java.util.Objects;

/**
 * The event that made a person's colour change, as a position in that person's own event stream:
 * the person's id with {@link #sequenceNumber()} finds exactly one event, in every store and replay.
 *
 * @param type           the simple name of the event's type, e.g. {@code TraceCallRecorded}
 * @param sequenceNumber its sequence number in the person's stream
 */
public record CausingEvent(String type, long sequenceNumber) {

    public CausingEvent {
        Objects.requireNonNull(type, "type");
    }
}
