package org.lianfang.gateway.problem;

import java.net.URI;
import java.util.Map;

import org.lianfang.gateway.correlation.CorrelationId;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;

/**
 * Builds the RFC 9457 problem details the gateway itself answers with. Types are stable URIs under
 * {@value #TYPE_BASE} so that clients can branch on them; the correlation id is included so that a
 * user reporting an error hands over the key to every log line about it.
 */
public final class Problems {

    /** Prefix of every problem type Lianfang defines. */
    public static final String TYPE_BASE = "https://lianfang.org/problems/";

    private static final Map<Integer, String> SLUGS = Map.of(
            404, "not-found",
            413, "payload-too-large",
            500, "internal-error",
            503, "service-unavailable",
            504, "gateway-timeout");

    private Problems() {
    }

    /** A problem for {@code status} about the request in {@code exchange}. */
    public static ProblemDetail of(ServerWebExchange exchange, HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug(status)));
        problem.setTitle(title(status));
        problem.setInstance(instance(exchange));
        CorrelationId.of(exchange).ifPresent(id -> problem.setProperty("correlationId", id));
        return problem;
    }

    static String slug(HttpStatusCode status) {
        String known = SLUGS.get(status.value());
        if (known != null) {
            return known;
        }
        return title(status).toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    private static String title(HttpStatusCode status) {
        HttpStatus resolved = HttpStatus.resolve(status.value());
        return resolved == null ? "HTTP " + status.value() : resolved.getReasonPhrase();
    }

    /** The path the client asked for, even after a fallback forwarded the exchange to an internal path. */
    private static URI instance(ServerWebExchange exchange) {
        String path = exchange.getAttributeOrDefault(RequestedPathFilter.ATTRIBUTE, exchange.getRequest().getPath().value());
        try {
            return URI.create(path);
        } catch (IllegalArgumentException unrepresentable) {
            return null;
        }
    }
}
