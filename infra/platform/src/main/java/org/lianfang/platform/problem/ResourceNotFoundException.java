package org.lianfang.platform.problem;

/** The addressed resource does not exist: answered with 404. */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String detail) {
        super(detail);
    }

    /** E.g. {@code notFound("person", id)} → "No person with id 'x'." */
    public static ResourceNotFoundException of(String what, Object id) {
        return new ResourceNotFoundException("No " + what + " with id '" + id + "'.");
    }
}
