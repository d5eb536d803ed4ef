package org.lianfang.contracts.registry;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.PurposeStarts;
import org.lianfang.contracts.quarantine.QuarantineKind;

/**
 * The registry noted that the person's quarantine case started (in quarantine-service). While the
 * case runs, a person the community is in contact with is blue.
 *
 * @param sourceEventId the id of quarantine-service's {@code QuarantineStarted}
 */
@PurposeStarts("quarantine")
public record QuarantineStartNoted(
        PersonId personId,
        String caseId,
        QuarantineKind kind,
        Instant endsAt,
        String sourceEventId,
        Instant startedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
