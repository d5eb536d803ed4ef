package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * A person's colour changed, or the rule behind it did. It says why: the rule that fired (and the
 * version of the rules), the event that caused the change and who owns the person now.
 *
 * @param from       the colour before, null for the person's first colour
 */
public record RiskColourChanged(
        PersonId personId,
        RiskColour from,
        RiskColour to,
        String rule,
        String ruleVersion,
        String reason,
        ColourOwner owner,
        CausingEvent causedBy,
        Instant changedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
