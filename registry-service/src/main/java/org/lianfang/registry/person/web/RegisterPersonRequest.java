package org.lianfang.registry.person.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.RegisterPersonCommand;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.registry.compound.query.CompoundDirectory;

/**
 * The body of {@code POST /api/v1/persons}: what a registrar writes on the returnee form. The
 * compound is given by {@code compoundId}, or by {@code compound} (a registered compound's id or
 * name, or free text naming none). {@code occurredAt}: when the registration happened, if earlier than
 * now (a paper form typed in later); it is then also the registration time the colour rules read.
 */
record RegisterPersonRequest(
        @NotBlank @Size(max = 50) String name,
        @NotBlank @ValidResidentIdNumber String residentIdNumber,
        @Pattern(regexp = PHONE, message = "must be a mobile number (11 digits starting with 1) "
                + "or a landline with its area code, e.g. 0377-12345678") String phone,
        @NotNull Origin origin,
        @PastOrPresent LocalDate arrivalDate,
        @Size(max = 50) String compound,
        @Size(max = 60) String compoundId,
        @Size(max = 200) String address,
        @Size(max = 50) String transport,
        RegistrationSource source,
        Boolean hubeiContact,
        Instant occurredAt) {

    static final String PHONE = "1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}";

    /** Rules across fields, after bean validation: a returnee's arrival date starts the 14 days. */
    void checkConsistency() {
        if (origin != Origin.LOCAL && arrivalDate == null) {
            throw InvalidRequestException.of("arrivalDate", "is required unless origin is LOCAL");
        }
    }

    ResidentIdNumber idNumber() {
        return ResidentIdNumber.of(residentIdNumber);
    }

    /** {@code compound}: the registered compound the form names (by {@code compoundId} or {@code compound}), if any. */
    RegisterPersonCommand toCommand(PersonId personId, Instant registeredAt, String registeredBy,
            CompoundDirectory.Resolved resolved) {
        String shown = blankToNull(compound);
        return new RegisterPersonCommand(personId, name, idNumber(), phone, origin, arrivalDate,
                shown == null && resolved != null ? resolved.name() : shown, blankToNull(address),
                blankToNull(transport), source, occurredAt == null ? registeredAt : occurredAt, hubeiContact,
                registeredBy, resolved == null ? null : resolved.id(), occurredAt);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
