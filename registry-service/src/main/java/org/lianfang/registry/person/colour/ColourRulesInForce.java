package org.lianfang.registry.person.colour;

/**
 * The colour rules as they stand now. The parameters are event-sourced (an admin applies a new
 * version), so whoever decides a colour asks for them at the moment of deciding.
 */
@FunctionalInterface
public interface ColourRulesInForce {

    /** The policy with the parameters of the latest applied version (the configured defaults before any). */
    RiskColourPolicy policy();
}
