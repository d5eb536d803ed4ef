package org.lianfang.contracts.quarantine;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

/**
 * The period was made longer.
 *
 * @param days       how many days were added
 * @param endsAt     the new end of the period
 * @param extendedBy who decided it
 */
public record QuarantineExtended(
        QuarantineCaseId caseId,
        String personId,
        int days,
        String reason,
        String extendedBy,
        Instant endsAt,
        Instant extendedAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
