package org.lianfang.checkpoint.gate;

import java.util.Optional;
import org.lianfang.contracts.checkpoint.Direction;

/**
 * Going out of a compound under closed management (封闭管理) needs a temporary pass. Whether the
 * pass shown is valid (dates, revocation, limit, holder) is judged by {@link PassValidityPolicy}
 * on the pass itself, where its exits are counted atomically.
 */
public final class ClosedCompoundPassPolicy implements GatePolicy {

    public static final String RULE = "pass-required";

    @Override
    public Optional<GateDenial> judge(GateFacts facts) {
        if (facts.direction() != Direction.OUT || !facts.passRequired() || facts.passShown()) {
            return Optional.empty();
        }
        return Optional.of(new GateDenial(RULE, "This compound is under closed management: going out needs a "
                + "valid temporary pass."));
    }

    /** Whether the crossing must spend an exit of the pass shown. */
    public boolean spendsPass(GateFacts facts) {
        return facts.direction() == Direction.OUT && facts.passRequired() && facts.passShown();
    }
}
