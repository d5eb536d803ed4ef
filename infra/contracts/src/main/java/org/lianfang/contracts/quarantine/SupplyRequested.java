package org.lianfang.contracts.quarantine;

import java.time.Instant;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.DataSubject;
import org.lianfang.contracts.privacy.PersonalData;

/**
 * A quarantined household needs supplies (food, medicine). Published: volunteer-service turns it
 * into a contact-free delivery order and reports its progress with the same {@code requestId}.
 *
 * @param requestId   unique per request; the delivery order refers to it
 * @param householdId the registry household to deliver to, may be null if the person has none
 * @param address     where to leave the goods (compound, building, unit, room as text)
 * @param items       what is needed, one entry per item as written
 * @param notes       free text for the volunteer, may be null
 */
public record SupplyRequested(
        String requestId,
        QuarantineCaseId caseId,
        @DataSubject String personId,
        String communityId,
        String compoundId,
        String householdId,
        @PersonalData String address,
        List<String> items,
        @PersonalData String notes,
        String requestedBy,
        Instant requestedAt) implements PersonScoped {

    public SupplyRequested {
        items = items == null ? List.of() : List.copyOf(items);
    }

    @Override
    public List<String> personIds() {
        return List.of(personId);
    }
}
