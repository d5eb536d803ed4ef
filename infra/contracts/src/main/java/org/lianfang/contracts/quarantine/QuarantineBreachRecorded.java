package org.lianfang.contracts.quarantine;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * A checkpoint stopped the quarantined person from leaving; the attempt is on the case's timeline.
 * Recorded once per crossing, however often the checkpoint's event is delivered.
 *
 * @param crossingId   the denied crossing at the checkpoint
 * @param checkpointId where it happened
 * @param rule         the checkpoint's rule that denied it
 * @param operator     who was on duty at the checkpoint
 * @param occurredAt   when it happened, by the checkpoint's clock
 * @param recordedAt   when the checkpoint recorded it
 */
public record QuarantineBreachRecorded(
        QuarantineCaseId caseId,
        String personId,
        String crossingId,
        String checkpointId,
        String rule,
        String operator,
        Instant occurredAt,
        Instant recordedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
