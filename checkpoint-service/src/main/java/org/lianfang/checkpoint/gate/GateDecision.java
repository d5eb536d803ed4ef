package org.lianfang.checkpoint.gate;

import java.util.List;
import java.util.Optional;

/**
 * What the gate rules decided for one crossing.
 *
 * @param denial           the first rule that refused it, empty when allowed
 * @param flags            what must be followed up either way
 * @param breach           the person in quarantine who tried to go out, with their case, if any
 * @param arrival          an unregistered arrival to report, if any
 * @param spendsPass       whether an exit of the pass shown must be spent before it is allowed
 */
public record GateDecision(Optional<GateDenial> denial, List<String> flags, Optional<PersonStatus> breach,
                           Optional<UnregisteredArrivalPolicy.Finding> arrival, boolean spendsPass,
                           String ruleVersion) {

    public GateDecision {
        flags = List.copyOf(flags);
    }

    public boolean allowed() {
        return denial.isEmpty();
    }

    /** The same decision, refused by the pass. */
    public GateDecision deniedBy(GateDenial passDenial) {
        return new GateDecision(Optional.of(passDenial), flags, breach, arrival, false, ruleVersion);
    }
}
