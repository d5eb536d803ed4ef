package org.lianfang.contracts.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.DataSubject;
import org.lianfang.contracts.privacy.PersonalData;

/**
 * Facts registered earlier were corrected: nothing is edited in place. Only the fields named in
 * {@code changedFields} carry values; the others are null and unchanged.
 */
public record PersonDetailsCorrected(
        @DataSubject PersonId personId,
        List<String> changedFields,
        @PersonalData String name,
        @PersonalData String phone,
        Origin origin,
        LocalDate arrivalDate,
        String compound,
        @PersonalData String address,
        String transport,
        Boolean hubeiContact,
        String correctedBy,
        Instant correctedAt,
        String compoundId) implements PersonScoped {

    /** As before compound ids: the compound id is not corrected ({@code compoundId} not among the changed fields). */
    public PersonDetailsCorrected(PersonId personId, List<String> changedFields, String name, String phone,
            Origin origin, LocalDate arrivalDate, String compound, String address, String transport,
            Boolean hubeiContact, String correctedBy, Instant correctedAt) {
        this(personId, changedFields, name, phone, origin, arrivalDate, compound, address, transport, hubeiContact,
                correctedBy, correctedAt, null);
    }

    public PersonDetailsCorrected {
        changedFields = List.copyOf(changedFields);
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
