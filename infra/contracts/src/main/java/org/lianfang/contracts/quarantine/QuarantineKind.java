package org.lianfang.contracts.quarantine;

/** Where a person is quarantined; a transfer moves a home case to a facility without restarting it. */
public enum QuarantineKind {
    /** At home (居家隔离), monitored by the compound's medic. */
    HOME,
    /** In a designated facility (集中隔离点). */
    FACILITY
}
