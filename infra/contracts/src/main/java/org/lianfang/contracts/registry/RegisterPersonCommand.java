package org.lianfang.contracts.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.lianfang.contracts.PersonScoped;

/**
 * Register a person who lives in or arrived in the community (返乡信息登记). The caller has already
 * made sure no one else holds this resident ID number, so the id is fixed before the command is sent.
 *
 * @param personId          the id the new person will have
 * @param name              the person's name as on the ID card
 * @param residentIdNumber  the resident ID number
 * @param phone             a phone number the community can reach the person at, or null
 * @param origin            where the person came from
 * @param arrivalDate       the day the person arrived in the community, or null for a local resident
 * @param compound          the residential compound (小区) the person stays in, or null
 * @param address           building, unit and room, or null
 * @param transport         how the person travelled (car, train, coach, …), or null
 * @param source            how the community learned of the arrival, or null
 * @param registeredAt      when the registrar recorded it
 * @param hubeiContact      whether the person had contact with Hubei/Wuhan, or null if not asked
 * @param registeredBy      the registrar, who owns the person until someone else acts
 * @param compoundId        the registered compound the person stays in, or null
 * @param occurredAt        when the registration happened, if the writer said so (backdated), or null
 */
public record RegisterPersonCommand(
        @TargetAggregateIdentifier PersonId personId,
        String name,
        ResidentIdNumber residentIdNumber,
        String phone,
        Origin origin,
        LocalDate arrivalDate,
        String compound,
        String address,
        String transport,
        RegistrationSource source,
        Instant registeredAt,
        Boolean hubeiContact,
        String registeredBy,
        String compoundId,
        Instant occurredAt) implements PersonScoped {

    /** As before compound ids: no compound id. */
    public RegisterPersonCommand(PersonId personId, String name, ResidentIdNumber residentIdNumber, String phone,
            Origin origin, LocalDate arrivalDate, String compound, String address, String transport,
            RegistrationSource source, Instant registeredAt, Boolean hubeiContact, String registeredBy) {
        this(personId, name, residentIdNumber, phone, origin, arrivalDate, compound, address, transport, source,
                registeredAt, hubeiContact, registeredBy, null, null);
    }

    public RegisterPersonCommand {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(residentIdNumber, "residentIdNumber");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
