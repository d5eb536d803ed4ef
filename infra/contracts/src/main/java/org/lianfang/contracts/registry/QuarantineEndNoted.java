package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.PurposeEnds;

/**
 * The registry noted that the person's quarantine case ended; the colour rules decide again.
 *
 * @param sourceEventId the id of quarantine-service's event that ended the case
 */
@PurposeEnds("quarantine")
public record QuarantineEndNoted(
        PersonId personId,
        String caseId,
        QuarantineEnding ending,
        String reason,
        String sourceEventId,
        Instant endedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
