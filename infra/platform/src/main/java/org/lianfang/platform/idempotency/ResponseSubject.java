package org.lianfang.platform.idempotency;

import jakarta.servlet.ServletRequest;
import java.util.Optional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Names the data subject a response is about, so the kept copy of an idempotent response is sealed
 * with the same key as the event that holds the same personal data (its {@code @DataSubject}) and is
 * shredded with it. Guessing the subject from the response (its {@code Location} or body) differs
 * from the event's subject for volunteers, multi-person deliveries and orders naming nobody; the
 * controller that sends the command knows it, so it says so.
 */
public final class ResponseSubject {

    /** The request attribute holding the subject id. */
    public static final String ATTRIBUTE = ResponseSubject.class.getName();

    private ResponseSubject() {
    }

    /** Names the subject of the response to the current request (no-op outside a request). */
    public static void set(String subjectId) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null && subjectId != null && !subjectId.isBlank()) {
            attributes.setAttribute(ATTRIBUTE, subjectId, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** Names the subject of the response to {@code request}. */
    public static void set(ServletRequest request, String subjectId) {
        if (subjectId != null && !subjectId.isBlank()) {
            request.setAttribute(ATTRIBUTE, subjectId);
        }
    }

    /** The subject named for {@code request}, if any. */
    public static Optional<String> of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }
}
