package org.lianfang.contracts.checkpoint;

/** Who in active quarantine tried to go out, and the case the checkpoint knew of (from quarantine's events). */
public record QuarantineBreach(String personId, String caseId) {
}
