package org.lianfang.contracts.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

/**
 * Facts about a registered person as someone registered them again. Null means "not given",
 * never "erase"; the person records a correction only for the fields that differ.
 */
public record CorrectPersonDetailsCommand(
        @TargetAggregateIdentifier PersonId personId,
        String name,
        String phone,
        Origin origin,
        LocalDate arrivalDate,
        String compound,
        String address,
        String transport,
        Boolean hubeiContact,
        String correctedBy,
        Instant correctedAt,
        String compoundId) implements PersonScoped {

    /** As before compound ids: the compound id is not corrected. */
    public CorrectPersonDetailsCommand(PersonId personId, String name, String phone, Origin origin,
            LocalDate arrivalDate, String compound, String address, String transport, Boolean hubeiContact,
            String correctedBy, Instant correctedAt) {
        this(personId, name, phone, origin, arrivalDate, compound, address, transport, hubeiContact, correctedBy,
                correctedAt, null);
    }

    public CorrectPersonDetailsCommand {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(correctedBy, "correctedBy");
        Objects.requireNonNull(correctedAt, "correctedAt");
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
