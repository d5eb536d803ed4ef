package org.lianfang.checkpoint.gate;

import java.util.Optional;
import org.lianfang.contracts.checkpoint.Direction;

/** A person in active home quarantine (居家隔离) may not go out; coming home is fine. */
public final class QuarantineExitPolicy implements GatePolicy {

    public static final String RULE = "quarantined-may-not-go-out";

    @Override
    public Optional<GateDenial> judge(GateFacts facts) {
        if (facts.direction() != Direction.OUT) {
            return Optional.empty();
        }
        return facts.persons().stream().filter(PersonStatus::inQuarantine).findFirst()
                .map(p -> new GateDenial(RULE, "Person " + p.personId() + " is in active quarantine (case "
                        + p.quarantineCaseId() + ") and may not go out."));
    }

    /** The first quarantined person going out (on foot or in a vehicle), if any: a breach attempt. */
    public Optional<PersonStatus> breach(GateFacts facts) {
        if (facts.direction() != Direction.OUT) {
            return Optional.empty();
        }
        return facts.persons().stream().filter(PersonStatus::inQuarantine).findFirst();
    }
}
