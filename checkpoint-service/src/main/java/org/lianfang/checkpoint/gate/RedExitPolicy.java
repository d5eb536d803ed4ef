package org.lianfang.checkpoint.gate;

import java.util.Optional;
import org.lianfang.contracts.checkpoint.Direction;
import org.lianfang.contracts.registry.RiskColour;

/**
 * A person labelled red (unreported, uncooperative or unreachable) may not go out: the leaders
 * must reach them first (四色标示法).
 */
public final class RedExitPolicy implements GatePolicy {

    public static final String RULE = "red-may-not-go-out";

    @Override
    public Optional<GateDenial> judge(GateFacts facts) {
        if (facts.direction() != Direction.OUT) {
            return Optional.empty();
        }
        return facts.persons().stream().filter(p -> p.colour() == RiskColour.RED).findFirst()
                .map(p -> new GateDenial(RULE, "Person " + p.personId() + " is labelled red and may not go out "
                        + "until the leader in charge has handled it."));
    }
}
