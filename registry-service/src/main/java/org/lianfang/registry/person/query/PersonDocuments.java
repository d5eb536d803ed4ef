package org.lianfang.registry.person.query;

import java.time.Instant;
import java.time.LocalDate;
import org.bson.Document;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.RegistrationSource;

/** Maps {@link PersonView} to and from its document; dates are ISO strings, exact to the nanosecond. */
final class PersonDocuments {

    private PersonDocuments() {
    }

    static Document toDocument(PersonView view) {
        return new Document("_id", view.id())
                .append("name", view.name())
                .append("residentIdNumber", view.residentIdNumber())
                .append("phone", view.phone())
                .append("origin", view.origin().name())
                .append("arrivalDate", view.arrivalDate() == null ? null : view.arrivalDate().toString())
                .append("compound", view.compound())
                .append("address", view.address())
                .append("transport", view.transport())
                .append("source", view.source() == null ? null : view.source().name())
                .append("communityId", view.communityId())
                .append("registeredBy", view.registeredBy())
                .append("registeredAt", view.registeredAt().toString());
    }

    static PersonView toView(Document document) {
        String arrivalDate = document.getString("arrivalDate");
        String source = document.getString("source");
        return new PersonView(document.getString("_id"), document.getString("name"),
                document.getString("residentIdNumber"), document.getString("phone"),
                Origin.valueOf(document.getString("origin")),
                arrivalDate == null ? null : LocalDate.parse(arrivalDate),
                document.getString("compound"), document.getString("address"), document.getString("transport"),
                source == null ? null : RegistrationSource.valueOf(source),
                document.getString("communityId"), document.getString("registeredBy"),
                Instant.parse(document.getString("registeredAt")));
    }
}
