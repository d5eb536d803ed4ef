package org.lianfang.contracts.checkpoint;

/**
 * How often a pass lets its holder out: at most {@code maxExits} exits per period of
 * {@code periodDays} days counted from the pass's valid-from, e.g. "one member out every two
 * days" is {@code (1, 2)}. Passes were misread as "it's over", so every pass has one.
 */
public record PassLimit(int maxExits, int periodDays) {

    public PassLimit {
        if (maxExits < 1 || periodDays < 1) {
            throw new IllegalArgumentException("a pass limit needs at least one exit per at least one day");
        }
    }
}
