package org.lianfang.quarantine.cases.command;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What counts as a fever (发热): a reading at or above the threshold, 37.3 °C by default.
 *
 * @param threshold the lowest reading that is a fever
 */
public record FeverPolicy(BigDecimal threshold) {

    /** The national guidance: 37.3 °C. */
    public static final FeverPolicy DEFAULT = new FeverPolicy(new BigDecimal("37.3"));

    public FeverPolicy {
        Objects.requireNonNull(threshold, "threshold");
    }

    public boolean isFever(BigDecimal celsius) {
        return celsius.compareTo(threshold) >= 0;
    }
}
