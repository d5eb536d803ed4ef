package org.lianfang.contracts.checkpoint;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Spend one exit of a pass for a crossing going out. Answered with a {@link PassCheck}; using it
 * again for the same crossing answers the same and spends nothing more, so a retried upload is safe.
 *
 * @param personIds    the person crossing, or a vehicle's known occupants
 * @param householdIds the households they belong to (from the registry's events)
 * @param compoundId   the compound of the gate it is shown at
 */
public record UsePassCommand(@TargetAggregateIdentifier String passId, String crossingId, List<String> personIds,
                             List<String> householdIds, String compoundId, Instant occurredAt) {

    public UsePassCommand {
        personIds = personIds == null ? List.of() : List.copyOf(personIds);
        householdIds = householdIds == null ? List.of() : List.copyOf(householdIds);
    }
}
