package org.lianfang.quarantine.cases.command;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.contracts.registry.Origin;

/**
 * What quarantine needs to remember of the registry's people, from the registry's events: where
 * they came from and when (to start a case when the colour turns blue), where they live and in which
 * household (to deliver supplies), which community and compound (jurisdiction). One document per
 * person in {@code quarantine_registry_persons}, by {@code _id}; every write sets values, so a
 * replay ends in the same state.
 */
@org.springframework.stereotype.Component
public class RegistryPersons {

    public static final String COLLECTION = "quarantine_registry_persons";

    private final MongoCollection<Document> persons;

    public RegistryPersons(MongoDatabase serviceDatabase) {
        this.persons = serviceDatabase.getCollection(COLLECTION);
    }

    /** A person as far as quarantine knows them. */
    public record Person(String personId, String communityId, String compound, String address, String householdId,
                         Origin origin, LocalDate arrivalDate) {
    }

    /** Sets the given facts; a null value leaves what is known. */
    public void remember(String personId, String communityId, String compound, String address, Origin origin,
                         LocalDate arrivalDate) {
        List<Bson> sets = new ArrayList<>();
        set(sets, "communityId", communityId);
        set(sets, "compound", compound);
        set(sets, "address", address);
        set(sets, "origin", origin == null ? null : origin.name());
        set(sets, "arrivalDate", arrivalDate == null ? null : arrivalDate.toString());
        if (!sets.isEmpty()) {
            persons.updateOne(Filters.eq("_id", personId), Updates.combine(sets), new UpdateOptions().upsert(true));
        }
    }

    public void household(String personId, String householdId) {
        persons.updateOne(Filters.eq("_id", personId), Updates.set("householdId", householdId),
                new UpdateOptions().upsert(true));
    }

    /** The person was erased: where they live no longer names them; community, compound and origin stay. */
    public void forget(String personId) {
        persons.updateOne(Filters.and(Filters.eq("_id", personId), Filters.exists("address")),
                Updates.set("address", PersonalData.ERASED));
    }

    public Optional<Person> find(String personId) {
        return Optional.ofNullable(persons.find(Filters.eq("_id", personId)).first()).map(doc -> new Person(
                personId, doc.getString("communityId"), doc.getString("compound"), doc.getString("address"),
                doc.getString("householdId"),
                doc.getString("origin") == null ? null : Origin.valueOf(doc.getString("origin")),
                doc.getString("arrivalDate") == null ? null : LocalDate.parse(doc.getString("arrivalDate"))));
    }

    private static void set(List<Bson> sets, String field, Object value) {
        if (value != null) {
            sets.add(Updates.set(field, value));
        }
    }
}
