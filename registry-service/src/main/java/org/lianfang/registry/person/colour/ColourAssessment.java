package org.lianfang.registry.person.colour;

import java.util.Objects;
import org.lianfang.contracts.registry.ColourOwner;
import org.lianfang.contracts.registry.RiskColour;

/**
 * What the colour rules decided for a person, and why.
 *
 * @param colour the colour
 * @param rule   the rule that decided it
 * @param reason the facts behind the rule, in words
 * @param owner  who must act on the person
 */
public record ColourAssessment(RiskColour colour, ColourRule rule, String reason, ColourOwner owner) {

    public ColourAssessment {
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(owner, "owner");
    }
}
