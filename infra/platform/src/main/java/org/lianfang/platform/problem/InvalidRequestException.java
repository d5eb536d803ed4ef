package org.lianfang.platform.problem;

import java.util.List;

/**
 * A request that bean validation let through but that is still invalid (a rule across fields,
 * e.g. "arrival date is required unless the person is local"): answered with 400 and its fields.
 */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> errors;

    public InvalidRequestException(List<FieldProblem> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    public static InvalidRequestException of(String field, String reason) {
        return new InvalidRequestException(List.of(new FieldProblem(field, reason)));
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
