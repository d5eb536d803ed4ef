package org.lianfang.contracts.quarantine;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.PurposeEnds;

/** The period was served with no recent fever: the person is out of quarantine. Ends the case. */
@PurposeEnds("quarantine")
public record QuarantineCompleted(
        QuarantineCaseId caseId,
        String personId,
        String completedBy,
        Instant completedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
