package org.lianfang.contracts.checkpoint;

import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * The gate refused a crossing. The attempt is kept as evidence, with the rule that refused it and
 * the version of the rules, so it can be re-checked later.
 *
 * @param rule   the stable name of the rule, e.g. {@code quarantined-may-not-go-out}
 * @param reason the explanation the operator saw
 * @param flags  what the staff must follow up, e.g. {@code FEVER}
 */
public record CrossingDenied(CrossingDetails crossing, String rule, String reason, String ruleVersion,
                             List<String> flags) implements PersonScoped {

    public CrossingDenied {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    @Override
    public List<String> personIds() {
        return crossing.personIds();
    }
}
