package org.lianfang.contracts.quarantine;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A quarantined household asks for supplies. The case gives the request its id and publishes
 * {@link SupplyRequested}; the handler answers the request id.
 *
 * @param householdId the registry household, or null if the person has none
 * @param address     where to leave the goods
 */
public record RequestSuppliesCommand(
        @TargetAggregateIdentifier QuarantineCaseId caseId,
        String householdId,
        String address,
        List<String> items,
        String notes,
        String requestedBy) {

    public RequestSuppliesCommand {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
