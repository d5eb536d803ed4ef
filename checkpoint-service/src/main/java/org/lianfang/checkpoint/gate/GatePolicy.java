package org.lianfang.checkpoint.gate;

import java.util.Optional;

/** One named rule of the gate: it refuses a crossing, or has nothing to say. */
public interface GatePolicy {

    Optional<GateDenial> judge(GateFacts facts);
}
