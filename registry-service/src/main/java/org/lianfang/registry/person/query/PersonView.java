package org.lianfang.registry.person.query;

import java.time.Instant;
import java.time.LocalDate;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RegistrationSource;

/**
 * A person as the registry shows them. The resident ID number is masked: the read side never
 * holds it whole.
 */
public record PersonView(
        String id,
        String name,
        String residentIdNumber,
        String phone,
        Origin origin,
        LocalDate arrivalDate,
        String compound,
        String address,
        String transport,
        RegistrationSource source,
        String communityId,
        String registeredBy,
        Instant registeredAt) {

    static PersonView of(PersonRegistered event, String communityId, String registeredBy) {
        return new PersonView(event.personId().value(), event.name(), event.residentIdNumber().masked(),
                event.phone(), event.origin(), event.arrivalDate(), event.compound(), event.address(),
                event.transport(), event.source(), communityId, registeredBy, event.registeredAt());
    }
}
