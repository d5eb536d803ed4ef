package org.lianfang.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A request-body value that parsed but that the suite refuses to read (invisible or control
 * characters, a number where a timestamp belongs). Carries the reason the problem names next to
 * the field, in place of Jackson's "must be a &lt;type&gt;".
 */
public class RejectedValueException extends MismatchedInputException {

    private final String reason;

    RejectedValueException(JsonParser parser, Class<?> targetType, String reason) {
        super(parser, reason, targetType);
        this.reason = reason;
    }

    /** Why the value is refused, e.g. {@code must not contain control characters}. */
    public String reason() {
        return reason;
    }
}
