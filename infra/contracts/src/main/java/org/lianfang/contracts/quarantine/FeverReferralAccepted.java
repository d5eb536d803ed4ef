package org.lianfang.contracts.quarantine;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/** The fever clinic accepted the referred person. */
public record FeverReferralAccepted(
        String referralId,
        QuarantineCaseId caseId,
        String personId,
        String clinicReference,
        Instant acceptedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
