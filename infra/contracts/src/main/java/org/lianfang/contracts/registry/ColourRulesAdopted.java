package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * The person's colour was decided again under a newly applied rules version, and it differs: the
 * {@link RiskColourChanged} that follows names this event as its cause, and this event names the
 * {@link ColourRulesApplied} (by message id) that started it all.
 *
 * @param rulesEventId the message id of the {@link ColourRulesApplied}
 */
public record ColourRulesAdopted(
        PersonId personId,
        String version,
        String rulesEventId,
        Instant adoptedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
