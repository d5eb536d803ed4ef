package org.lianfang.eventstore;

import org.axonframework.eventsourcing.eventstore.EventStoreException;

/**
 * The event store could not be reached within the client's bounded timeouts. Thrown instead of
 * hanging, so a command fails fast and a caller can answer 503 and retry with its idempotency key.
 */
public class StoreUnavailableException extends EventStoreException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
