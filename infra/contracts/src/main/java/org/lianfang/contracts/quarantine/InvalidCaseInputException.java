package org.lianfang.contracts.quarantine;

/**
 * Input a case cannot accept (a reading out of range, from the future or before the period began;
 * an arrival date in the future). It is
 * an input error about one field, so the edge answers 400 naming {@link #field()}.
 */
public class InvalidCaseInputException extends IllegalArgumentException {

    private final String field;

    public InvalidCaseInputException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    /** The request field that is wrong. */
    public String field() {
        return field;
    }
}
