package org.lianfang.registry.person.query;

import java.time.Instant;
import java.time.LocalDate;
import org.bson.Document;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.RiskColour;

/**
 * Maps {@link PersonView} to and from its document; dates are ISO strings, exact to the nanosecond.
 * {@code version} is the sequence number of the person's last event the document has seen.
 */
final class PersonDocuments {

    static final String VERSION = "version";

    private PersonDocuments() {
    }

    static Document toDocument(PersonView view, long version) {
        return new Document("_id", view.id())
                .append("name", view.name())
                .append("residentIdNumber", view.residentIdNumber())
                .append("phone", view.phone())
                .append("origin", view.origin().name())
                .append("arrivalDate", view.arrivalDate() == null ? null : view.arrivalDate().toString())
                .append("compound", view.compound())
                .append("compoundId", view.compoundId())
                .append("address", view.address())
                .append("transport", view.transport())
                .append("source", view.source() == null ? null : view.source().name())
                .append("hubeiContact", view.hubeiContact())
                .append("colour", view.colour() == null ? null : view.colour().name())
                .append("communityId", view.communityId())
                .append("registeredBy", view.registeredBy())
                .append("registeredAt", view.registeredAt().toString())
                .append(VERSION, version);
    }

    static PersonView toView(Document document) {
        String arrivalDate = document.getString("arrivalDate");
        String source = document.getString("source");
        String colour = document.getString("colour");
        return new PersonView(document.getString("_id"), document.getString("name"),
                document.getString("residentIdNumber"), document.getString("phone"),
                Origin.valueOf(document.getString("origin")),
                arrivalDate == null ? null : LocalDate.parse(arrivalDate),
                document.getString("compound"), document.getString("address"), document.getString("transport"),
                source == null ? null : RegistrationSource.valueOf(source), document.getBoolean("hubeiContact"),
                colour == null ? null : RiskColour.valueOf(colour),
                document.getString("communityId"), document.getString("registeredBy"),
                Instant.parse(document.getString("registeredAt")), document.getString("compoundId"));
    }

    static long version(Document document) {
        Number version = document.get(VERSION, Number.class);
        return version == null ? 0 : version.longValue();
    }
}
