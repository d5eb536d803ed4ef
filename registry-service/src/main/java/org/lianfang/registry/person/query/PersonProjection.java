package org.lianfang.registry.person.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.registry.PersonRegistered;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code persons} read collection: one document per person, written by {@code _id}
 * with an upsert, so a replay or a redelivery leaves it exactly as it was.
 */
@Component
@ProcessingGroup(PersonProjection.PROCESSING_GROUP)
public class PersonProjection {

    public static final String PROCESSING_GROUP = "person-view";
    public static final String COLLECTION = "persons";

    private final MongoCollection<Document> persons;

    public PersonProjection(MongoDatabase serviceDatabase) {
        this.persons = serviceDatabase.getCollection(COLLECTION);
    }

    @EventHandler
    void on(PersonRegistered event,
            @MetaDataValue(MetadataKeys.COMMUNITY_ID) String communityId,
            @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        PersonView view = PersonView.of(event, communityId, actor);
        persons.replaceOne(Filters.eq("_id", view.id()), PersonDocuments.toDocument(view),
                new ReplaceOptions().upsert(true));
    }

    /** The projected person, if the projection has seen them. */
    public Optional<PersonView> find(String personId) {
        return Optional.ofNullable(persons.find(Filters.eq("_id", personId)).first())
                .map(PersonDocuments::toView);
    }
}
