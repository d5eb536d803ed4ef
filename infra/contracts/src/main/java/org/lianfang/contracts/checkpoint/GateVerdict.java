package org.lianfang.contracts.checkpoint;

import java.util.List;

/**
 * What the gate policies decided, with the version of the rules that decided it, so a decision
 * can be re-checked later against the rules of its day.
 *
 * @param allowed     whether the crossing may happen
 * @param rule        the rule that denied it (stable, machine-readable), null when allowed
 * @param reason      a human explanation of the denial, null when allowed
 * @param ruleVersion the version of the gate rules
 * @param flags       what the staff must follow up even if allowed, e.g. {@code FEVER}, {@code UNREGISTERED_ARRIVAL}
 */
public record GateVerdict(boolean allowed, String rule, String reason, String ruleVersion, List<String> flags) {

    public GateVerdict {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }
}
