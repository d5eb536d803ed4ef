package org.lianfang.registry.countylist.client;

/**
 * The county's list could not be read this time: slow, failing, refusing us, or the circuit is
 * open. Nothing was imported; the next pull tries again from the same cursor.
 */
public class CountyListUnavailableException extends RuntimeException {

    /** Why, as the metric and the status name it. */
    public enum Reason { UNAVAILABLE, MALFORMED, CIRCUIT_OPEN }

    private final Reason reason;

    public CountyListUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
