package org.lianfang.registry.person.query;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.registry.ColourOwner;
import org.lianfang.contracts.registry.RiskColour;

/**
 * A person's colour and why they have it: the rule, its reason, the owner and the event that
 * caused it, followed by every earlier change, oldest first.
 *
 * @param override the manual colour in force, or null
 */
public record ColourView(
        String personId,
        RiskColour colour,
        Instant since,
        String rule,
        String ruleVersion,
        String reason,
        ColourOwner owner,
        Cause causedBy,
        Override override,
        List<Change> history) {

    /**
     * The event that caused a change: its type, its place in the person's stream and its message id;
     * {@code sourceEventId}: the event it notes, when it notes one (the applied rules version of a
     * {@code ColourRulesAdopted}, another service's event for a reaction), else null.
     */
    public record Cause(String type, long sequenceNumber, String eventId, String sourceEventId) {
    }

    /** A manual colour, with who set it and why. */
    public record Override(RiskColour colour, String reason, String setBy, Instant setAt) {
    }

    /** One colour change. */
    public record Change(RiskColour from, RiskColour to, Instant changedAt, String rule, String ruleVersion,
            String reason, ColourOwner owner, Cause causedBy) {
    }
}
