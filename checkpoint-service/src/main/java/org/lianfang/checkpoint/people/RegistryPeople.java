package org.lianfang.checkpoint.people;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.privacy.PersonErased;
import org.lianfang.contracts.registry.HouseholdMemberAdded;
import org.lianfang.contracts.registry.PersonDetailsCorrected;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.PersonVerified;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.RiskColourChanged;
import org.lianfang.contracts.registry.TraceCallOutcome;
import org.lianfang.contracts.registry.TraceCallRecorded;
import org.lianfang.platform.pii.PiiHasher;
import org.springframework.stereotype.Component;

/**
 * What the checkpoint knows of people from the registry's event store (read-only, its own token):
 * one document per person by {@code _id} (colour, origin, whether they reported, households) and
 * one per keyed hash of the ID number, so the gate finds someone by the card they show without
 * storing the number. Each person document remembers the last event of the person's stream it
 * applied and ignores older ones, so a replay changes nothing twice.
 */
@Component
@ProcessingGroup(RegistryPeople.PROCESSING_GROUP)
public class RegistryPeople {

    public static final String PROCESSING_GROUP = "registry-people";
    public static final String PEOPLE = "gate_people";
    public static final String ID_NUMBERS = "gate_people_by_id_number";

    private static final Set<RegistrationSource> NOT_SELF_REPORTED =
            Set.of(RegistrationSource.COUNTY_LIST, RegistrationSource.CHECKPOINT);

    private final MongoCollection<Document> people;
    private final MongoCollection<Document> idNumbers;
    private final PiiHasher hasher;

    public RegistryPeople(MongoDatabase serviceDatabase, PiiHasher hasher) {
        this.people = serviceDatabase.getCollection(PEOPLE);
        this.idNumbers = serviceDatabase.getCollection(ID_NUMBERS);
        this.hasher = hasher;
    }

    @EventHandler
    void on(PersonRegistered event, @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.COMMUNITY_ID) String communityId) {
        String id = event.personId().value();
        String hash = event.residentIdNumber() == null ? null : hasher.hash(event.residentIdNumber().value());
        if (hash != null) {
            idNumbers.replaceOne(Filters.eq("_id", hash), new Document("_id", hash).append("personId", id),
                    new ReplaceOptions().upsert(true));
        }
        change(id, sequence, doc -> doc.append("communityId", communityId).append("idHash", hash)
                .append("origin", event.origin() == null ? null : event.origin().name())
                .append("compound", event.compound())
                .append("reported", !NOT_SELF_REPORTED.contains(event.source())));
    }

    @EventHandler
    void on(PersonDetailsCorrected event, @SequenceNumber Long sequence) {
        change(event.personId().value(), sequence, doc -> {
            if (event.changedFields().contains("origin")) {
                doc.put("origin", event.origin() == null ? null : event.origin().name());
            }
            if (event.changedFields().contains("compound")) {
                doc.put("compound", event.compound());
            }
        });
    }

    @EventHandler
    void on(TraceCallRecorded event, @SequenceNumber Long sequence) {
        change(event.personId().value(), sequence, doc -> {
            if (event.outcome() == TraceCallOutcome.REACHED) {
                doc.put("reported", true);
            }
        });
    }

    @EventHandler
    void on(PersonVerified event, @SequenceNumber Long sequence) {
        change(event.personId().value(), sequence, doc -> doc.put("reported", true));
    }

    @EventHandler
    void on(RiskColourChanged event, @SequenceNumber Long sequence) {
        change(event.personId().value(), sequence, doc -> doc.put("colour", event.to().name()));
    }

    /**
     * The person was erased: the gate no longer finds them by the card they show (their keyed hash
     * and its look-up entry go), while colour, origin and households stay for the counts. A rebuild
     * gives the same, since their registration then carries no ID number. Not an event of the
     * person's stream, so the version stays.
     */
    @EventHandler
    void on(PersonErased event) {
        Document doc = people.find(Filters.eq("_id", event.personId())).first();
        if (doc == null || doc.getString("idHash") == null) {
            return;
        }
        idNumbers.deleteOne(Filters.and(Filters.eq("_id", doc.getString("idHash")),
                Filters.eq("personId", event.personId())));
        people.updateOne(Filters.eq("_id", event.personId()), Updates.unset("idHash"));
    }

    /** A household's stream, not the person's: adding to a set is idempotent by itself. */
    @EventHandler
    void on(HouseholdMemberAdded event) {
        people.updateOne(Filters.eq("_id", event.personId().value()),
                Updates.addToSet("householdIds", event.householdId()), new UpdateOptions().upsert(true));
    }

    private void change(String personId, long sequence, Consumer<Document> change) {
        Document doc = people.find(Filters.eq("_id", personId)).first();
        if (doc == null) {
            doc = new Document("_id", personId);
        }
        if (doc.get("version") instanceof Number applied && applied.longValue() >= sequence) {
            return;
        }
        change.accept(doc);
        doc.put("version", sequence);
        people.replaceOne(Filters.eq("_id", personId), doc, new ReplaceOptions().upsert(true));
    }
}
