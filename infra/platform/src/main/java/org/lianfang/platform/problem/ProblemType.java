package org.lianfang.platform.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The kinds of problem a Lianfang service answers with. Each has a stable {@code type} URI that
 * clients may switch on; titles are fixed, the detail says what happened in this case.
 */
public enum ProblemType {
    VALIDATION("validation", "The request is not valid", HttpStatus.BAD_REQUEST),
    MALFORMED_REQUEST("malformed-request", "The request cannot be read", HttpStatus.BAD_REQUEST),
    UNAUTHORIZED("unauthorized", "Authentication is required", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Not allowed", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "No acceptable representation", HttpStatus.NOT_ACCEPTABLE),
    CONFLICT("conflict", "Conflicting change", HttpStatus.CONFLICT),
    RULE_VIOLATION("rule-violation", "A business rule forbids this", HttpStatus.CONFLICT),
    IDEMPOTENCY_IN_FLIGHT("idempotency-in-flight",
            "A request with this Idempotency-Key is still being processed", HttpStatus.CONFLICT),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", HttpStatus.PAYLOAD_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused",
            "This Idempotency-Key was used for a different request", HttpStatus.UNPROCESSABLE_ENTITY),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR),
    SERVICE_UNAVAILABLE("service-unavailable", "The service cannot serve the request now",
            HttpStatus.SERVICE_UNAVAILABLE);

    /** All problem types live under this base. */
    public static final String BASE = "https://lianfang.org/problems/";

    private final URI uri;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.uri = URI.create(BASE + slug);
        this.title = title;
        this.status = status;
    }

    public URI uri() {
        return uri;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }

    /** The generic type for a status that no more specific type claimed. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> IDEMPOTENCY_KEY_REUSED;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : MALFORMED_REQUEST;
        };
    }
}
