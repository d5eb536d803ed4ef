package org.lianfang.gateway.correlation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.web.server.ServerWebExchange;

/**
 * The id that ties one client request to every log line, downstream call and event it causes.
 * A client may bring its own (a checkpoint tablet retrying a write keeps the same one), but only a
 * short id of safe characters is taken as-is: anything else could forge log lines or bloat headers.
 */
public final class CorrelationId {

    /** The header carrying the id, in both directions. */
    public static final String HEADER = "X-Correlation-Id";

    /** Exchange attribute under which the accepted id is available to later filters and handlers. */
    public static final String ATTRIBUTE = CorrelationId.class.getName();

    static final int MAX_LENGTH = 64;

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,%d}".formatted(MAX_LENGTH - 1));

    private CorrelationId() {
    }

    /** The incoming id if it is exactly one well-formed value, otherwise a fresh random UUID. */
    static String acceptOrGenerate(List<String> incoming) {
        if (incoming != null && incoming.size() == 1 && isWellFormed(incoming.get(0))) {
            return incoming.get(0);
        }
        return UUID.randomUUID().toString();
    }

    static boolean isWellFormed(String candidate) {
        return candidate != null && WELL_FORMED.matcher(candidate).matches();
    }

    /** The id accepted for this exchange, if the correlation filter has run. */
    public static Optional<String> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }
}
