package org.lianfang.contracts.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.DataSubject;
import org.lianfang.contracts.privacy.PersonalData;

/**
 * A person was registered in the community. Quarantine reacts to people from Wuhan and Hubei;
 * the four-colour rules start from here.
 *
 * @param personId          the new person's id
 * @param name              the person's name as on the ID card
 * @param residentIdNumber  the resident ID number (the registry's own store keeps it whole)
 * @param phone             a phone number the community can reach the person at, or null
 * @param origin            where the person came from
 * @param arrivalDate       the day the person arrived, or null for a local resident
 * @param compound          the residential compound (小区) the person stays in, or null
 * @param address           building, unit and room, or null
 * @param transport         how the person travelled (car, train, coach, …), or null
 * @param source            how the community learned of the arrival, or null
 * @param registeredAt      when the registrar recorded it
 * @param hubeiContact      whether the person had contact with Hubei/Wuhan, or null if not asked
 * @param registeredBy      the registrar, who owns the person until someone else acts
 * @param compoundId        the registered compound {@code compound} names (by id or by name), or null when it
 *                          names none; jurisdiction by compound uses this id ({@code compound} is for display)
 * @param occurredAt        when the registration happened as the writer said so (a backdated paper form; then
 *                          also {@code registeredAt}), or null; the trail shows it as the event's occurred-at
 */
public record PersonRegistered(
        @DataSubject PersonId personId,
        @PersonalData String name,
        @PersonalData ResidentIdNumber residentIdNumber,
        @PersonalData String phone,
        Origin origin,
        LocalDate arrivalDate,
        String compound,
        @PersonalData String address,
        String transport,
        RegistrationSource source,
        Instant registeredAt,
        Boolean hubeiContact,
        String registeredBy,
        String compoundId,
        Instant occurredAt) implements PersonScoped {

    /** As before compound ids: no compound id. */
    public PersonRegistered(PersonId personId, String name, ResidentIdNumber residentIdNumber, String phone,
            Origin origin, LocalDate arrivalDate, String compound, String address, String transport,
            RegistrationSource source, Instant registeredAt, Boolean hubeiContact, String registeredBy) {
        this(personId, name, residentIdNumber, phone, origin, arrivalDate, compound, address, transport, source,
                registeredAt, hubeiContact, registeredBy, null, null);
    }

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
