package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * The registry noted that the person, in quarantine, tried to go out at a checkpoint and was
 * denied: the person is red until the community verifies them again or the case ends.
 *
 * @param rule          the checkpoint's gate rule that denied the crossing
 * @param ruleVersion   the version of the checkpoint's gate rules
 * @param sourceEventId the id of checkpoint-service's {@code QuarantineBreachAttempted}
 */
public record QuarantineBreachNoted(
        PersonId personId,
        String crossingId,
        String checkpointId,
        String caseId,
        String rule,
        String ruleVersion,
        String sourceEventId,
        Instant occurredAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
