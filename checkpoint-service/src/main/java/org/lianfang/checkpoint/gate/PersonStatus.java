package org.lianfang.checkpoint.gate;

import java.util.List;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.RiskColour;

/**
 * What the checkpoint knows of one person at the moment of a crossing, learned only from the
 * registry's and quarantine's events (never asked synchronously).
 *
 * @param personId          the registry's id, null for someone unknown
 * @param known             whether the registry has registered the person
 * @param colour            the current four-colour label, null if not yet labelled
 * @param reported          whether the person reported (or was reached or verified), as the registry counts it
 * @param quarantineCaseId  the person's active quarantine case, null if none
 */
public record PersonStatus(String personId, boolean known, RiskColour colour, Origin origin, boolean reported,
                           String quarantineCaseId, List<String> householdIds) {

    public PersonStatus {
        householdIds = householdIds == null ? List.of() : List.copyOf(householdIds);
    }

    /** Someone the registry does not know (identified at the gate by ID number only). */
    public static PersonStatus unknown() {
        return new PersonStatus(null, false, null, null, false, null, List.of());
    }

    public boolean inQuarantine() {
        return quarantineCaseId != null;
    }
}
