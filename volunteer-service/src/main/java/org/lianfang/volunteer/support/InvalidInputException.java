package org.lianfang.volunteer.support;

/**
 * A command carries a value the domain cannot accept (a check-in before the volunteer's shift
 * began, a round in the future): the web layer answers 400 naming {@link #field()}.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
