package org.lianfang.checkpoint.people;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.lianfang.checkpoint.gate.PersonStatus;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.platform.pii.PiiHasher;
import org.springframework.stereotype.Component;

/**
 * The gate's view of people: reads the documents {@link RegistryPeople} and {@link QuarantinePeople}
 * keep, by {@code _id} only (two {@code $in} look-ups for a whole vehicle).
 */
@Component
public class GatePeople {

    private final MongoCollection<Document> people;
    private final MongoCollection<Document> idNumbers;
    private final MongoCollection<Document> quarantines;
    private final PiiHasher hasher;

    public GatePeople(MongoDatabase serviceDatabase, PiiHasher hasher) {
        this.people = serviceDatabase.getCollection(RegistryPeople.PEOPLE);
        this.idNumbers = serviceDatabase.getCollection(RegistryPeople.ID_NUMBERS);
        this.quarantines = serviceDatabase.getCollection(QuarantinePeople.COLLECTION);
        this.hasher = hasher;
    }

    /** The keyed hash the gate stores instead of an ID number. */
    public String hash(ResidentIdNumber number) {
        return hasher.hash(number.value());
    }

    /** The registry's person with this ID number, if the registry has registered one. */
    public Optional<String> personIdOf(ResidentIdNumber number) {
        return Optional.ofNullable(idNumbers.find(Filters.eq("_id", hash(number))).first())
                .map(doc -> doc.getString("personId"));
    }

    /** The status of each id the registry knows, keyed by id; unknown ids are absent. */
    public Map<String, PersonStatus> statusOf(List<String> personIds) {
        Map<String, PersonStatus> statuses = new HashMap<>();
        if (personIds.isEmpty()) {
            return statuses;
        }
        Map<String, String> activeCases = new HashMap<>();
        quarantines.find(Filters.in("_id", personIds)).forEach(doc -> {
            Document cases = doc.get("cases", Document.class);
            cases.forEach((caseId, value) -> {
                if (((Document) value).getBoolean("active", false)) {
                    activeCases.put(doc.getString("_id"), caseId);
                }
            });
        });
        people.find(Filters.in("_id", personIds)).forEach(doc -> {
            if (doc.get("version") == null) {
                return; // only household membership seen so far: not registered
            }
            String id = doc.getString("_id");
            statuses.put(id, new PersonStatus(id, true,
                    doc.getString("colour") == null ? null : RiskColour.valueOf(doc.getString("colour")),
                    doc.getString("origin") == null ? null : Origin.valueOf(doc.getString("origin")),
                    doc.getBoolean("reported", false), activeCases.get(id),
                    new ArrayList<>(doc.getList("householdIds", String.class, List.of()))));
        });
        return statuses;
    }

    /** A person the registry registered, with the community they were registered in (null if none was named). */
    public record Registered(String personId, String communityId) {
    }

    /** The keyed hashes of the ID numbers these people were registered with, for those registered (one {@code $in}). */
    public Map<String, String> idHashesOf(List<String> personIds) {
        Map<String, String> hashes = new HashMap<>();
        if (!personIds.isEmpty()) {
            people.find(Filters.in("_id", personIds)).forEach(doc -> {
                if (doc.getString("idHash") != null) {
                    hashes.put(doc.getString("_id"), doc.getString("idHash"));
                }
            });
        }
        return hashes;
    }

    /** The keyed hash of the ID number the person was registered with, if registered. */
    public Optional<String> idHashOf(String personId) {
        return Optional.ofNullable(people.find(Filters.eq("_id", personId)).first())
                .map(doc -> doc.getString("idHash"));
    }

    /** The person, if the registry has registered them. */
    public Optional<Registered> registered(String personId) {
        Document doc = people.find(Filters.eq("_id", personId)).first();
        if (doc == null || doc.get("version") == null) {
            return Optional.empty();
        }
        return Optional.of(new Registered(personId, doc.getString("communityId")));
    }
}
