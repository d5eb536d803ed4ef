package org.lianfang.registry.person.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonDetailsCorrected;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.RiskColour;

/**
 * A person as the registry shows them, with corrections applied and their current colour. The
 * resident ID number is masked: the read side never holds it whole. {@code compound} is the compound
 * as the form named it (for display); {@code compoundId} the registered compound it names, if any.
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
        Boolean hubeiContact,
        RiskColour colour,
        String communityId,
        String registeredBy,
        Instant registeredAt,
        String compoundId) {

    /** The compound jurisdiction is checked on: the compound's id, or the text given when it names no registered compound. */
    public String jurisdictionCompound() {
        return compoundId != null ? compoundId : compound;
    }

    static PersonView of(PersonRegistered event, String communityId, String actor) {
        return new PersonView(event.personId().value(), event.name(), event.residentIdNumber() == null ? null : event.residentIdNumber().masked(),
                event.phone(), event.origin(), event.arrivalDate(), event.compound(), event.address(),
                event.transport(), event.source(), event.hubeiContact(), null, communityId,
                event.registeredBy() == null ? actor : event.registeredBy(), event.registeredAt(), event.compoundId());
    }

    PersonView corrected(PersonDetailsCorrected event) {
        List<String> changed = event.changedFields();
        return new PersonView(id, changed.contains("name") ? event.name() : name, residentIdNumber,
                changed.contains("phone") ? event.phone() : phone,
                changed.contains("origin") ? event.origin() : origin,
                changed.contains("arrivalDate") ? event.arrivalDate() : arrivalDate,
                changed.contains("compound") ? event.compound() : compound,
                changed.contains("address") ? event.address() : address,
                changed.contains("transport") ? event.transport() : transport, source,
                changed.contains("hubeiContact") ? event.hubeiContact() : hubeiContact, colour, communityId,
                registeredBy, registeredAt, changed.contains("compoundId") ? event.compoundId() : compoundId);
    }

    /**
     * The person after erasure: what identifies them reads as erased (as their events now do), what
     * the boards and lists count by (colour, origin, compound, dates) stays.
     */
    PersonView erased() {
        return new PersonView(id, PersonalData.ERASED, null, phone == null ? null : PersonalData.ERASED, origin,
                arrivalDate, compound, address == null ? null : PersonalData.ERASED, transport, source, hubeiContact,
                colour, communityId, registeredBy, registeredAt, compoundId);
    }

    PersonView withColour(RiskColour newColour) {
        return new PersonView(id, name, residentIdNumber, phone, origin, arrivalDate, compound, address, transport,
                source, hubeiContact, newColour, communityId, registeredBy, registeredAt, compoundId);
    }
}
