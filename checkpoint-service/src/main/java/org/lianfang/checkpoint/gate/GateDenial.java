package org.lianfang.checkpoint.gate;

/**
 * Why a gate policy refuses a crossing.
 *
 * @param rule   stable and machine-readable, e.g. {@code quarantined-may-not-go-out}
 * @param reason what the operator is told
 */
public record GateDenial(String rule, String reason) {
}
