package org.lianfang.contracts.checkpoint;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * A person in active quarantine tried to go out at a checkpoint and was denied. Published:
 * quarantine-service records it on the case, registry-service turns the person red.
 *
 * @param crossingId  the denied crossing
 * @param caseId      the quarantine case the checkpoint knew of (from quarantine's events)
 * @param rule        the gate policy that denied it
 * @param ruleVersion the version of the gate policies
 * @param occurredAt  when it happened, by the tablet's clock
 * @param recordedAt  when the checkpoint service stored it
 */
public record QuarantineBreachAttempted(
        String crossingId,
        CheckpointId checkpointId,
        String personId,
        String caseId,
        String rule,
        String ruleVersion,
        String operator,
        Instant occurredAt,
        Instant recordedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
