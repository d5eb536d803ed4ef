package org.lianfang.contracts;

/**
 * A command broke a business rule (e.g. registering a person twice, recording a crossing for a
 * closed checkpoint). It is the client's request that conflicts with the state of the domain, so
 * the platform answers 409 with the {@link #rule()} in the problem details, never 500.
 */
public class RuleViolationException extends RuntimeException {

    private final String rule;

    /**
     * @param rule   a stable, machine-readable name of the rule, e.g. {@code person-already-registered}
     * @param detail a human explanation for the client
     */
    public RuleViolationException(String rule, String detail) {
        super(detail);
        this.rule = rule;
    }

    /** The stable name of the broken rule. */
    public String rule() {
        return rule;
    }
}
