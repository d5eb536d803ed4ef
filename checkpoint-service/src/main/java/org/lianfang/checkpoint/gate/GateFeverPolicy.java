package org.lianfang.checkpoint.gate;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A temperature at or above the fever threshold (37.3 °C) at the gate is denied either way and
 * flagged {@code FEVER}, so the medic refers the person to the fever clinic.
 */
public final class GateFeverPolicy implements GatePolicy {

    public static final String RULE = "fever-at-gate";
    public static final String FLAG = "FEVER";

    private final BigDecimal threshold;

    public GateFeverPolicy(BigDecimal threshold) {
        this.threshold = Objects.requireNonNull(threshold, "threshold");
    }

    public boolean isFever(BigDecimal celsius) {
        return celsius != null && celsius.compareTo(threshold) >= 0;
    }

    @Override
    public Optional<GateDenial> judge(GateFacts facts) {
        if (!isFever(facts.temperature())) {
            return Optional.empty();
        }
        return Optional.of(new GateDenial(RULE, facts.temperature().toPlainString() + " °C is at or above "
                + threshold.toPlainString() + " °C: refer to the fever clinic."));
    }
}
