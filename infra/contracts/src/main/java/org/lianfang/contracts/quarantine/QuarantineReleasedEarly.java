package org.lianfang.contracts.quarantine;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.PurposeEnds;

/**
 * A medic ended the quarantine before its period was over, with a reason. Ends the case.
 *
 * @param releasedBy the medic
 */
@PurposeEnds("quarantine")
public record QuarantineReleasedEarly(
        QuarantineCaseId caseId,
        String personId,
        String reason,
        String releasedBy,
        Instant releasedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
