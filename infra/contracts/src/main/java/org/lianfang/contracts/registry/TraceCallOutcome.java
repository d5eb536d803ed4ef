package org.lianfang.contracts.registry;

/** What came of a call tracing a person (电话追踪). */
public enum TraceCallOutcome {
    /** The person answered and talked. */
    REACHED,
    /** Nobody answered, the phone was off, or the number was wrong. */
    UNREACHABLE,
    /** The person answered but refused to cooperate. */
    REFUSED
}
