package org.lianfang.quarantine.cases.command;

/** Where a case stands; only an active case accepts readings and decisions. */
public enum QuarantineStatus {
    ACTIVE,
    COMPLETED,
    RELEASED_EARLY
}
