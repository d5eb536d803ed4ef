package org.lianfang.contracts.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.lianfang.contracts.PersonScoped;

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
 * @param registeredAt      when the registrar recorded it
 */
public record PersonRegistered(
        PersonId personId,
        String name,
        ResidentIdNumber residentIdNumber,
        String phone,
        Origin origin,
        LocalDate arrivalDate,
        Instant registeredAt) implements PersonScoped {

    @Override
    public List<String> personIds() {
        return List.of(personId.value());
    }
}
