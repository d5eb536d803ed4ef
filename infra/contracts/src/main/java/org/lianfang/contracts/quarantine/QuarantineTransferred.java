package org.lianfang.contracts.quarantine;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * The person moved to a designated facility. The period and the timeline continue unchanged.
 *
 * @param facility      the facility's name
 * @param transferredBy who arranged it
 */
public record QuarantineTransferred(
        QuarantineCaseId caseId,
        String personId,
        String facility,
        String reason,
        String transferredBy,
        Instant transferredAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
