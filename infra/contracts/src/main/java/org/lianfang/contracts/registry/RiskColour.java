package org.lianfang.contracts.registry;

/**
 * The four colours of the four-colour labelling (四色标示法). The colour says who must act on a
 * person and how urgently; it is derived from facts by the registry's colour rules.
 */
public enum RiskColour {
    /** Returned but not reported in time, not cooperating, or unreachable: leaders handle it in person. */
    RED,
    /** Reached by phone, information being verified: a named staff member follows up. */
    YELLOW,
    /** Verified and in home quarantine, or confirmed gone elsewhere: the medic and the responsible person monitor. */
    BLUE,
    /** From elsewhere with no Hubei/Wuhan contact: the grid team follows up. */
    GREEN
}
