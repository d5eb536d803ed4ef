package org.lianfang.registry.person.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.PersonErased;
import org.lianfang.contracts.registry.PersonDetailsCorrected;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RiskColourChanged;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code persons} read collection: one document per person, written by {@code _id}.
 * Each document remembers the sequence number of the last event applied to it and ignores
 * anything older, so a replay or a redelivery leaves it exactly as it was.
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
    void on(PersonRegistered event, @SequenceNumber Long sequence,
            @MetaDataValue(MetadataKeys.COMMUNITY_ID) String communityId,
            @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        PersonView view = PersonView.of(event, communityId, actor);
        if (find(view.id()).isEmpty()) {
            persons.replaceOne(Filters.eq("_id", view.id()), PersonDocuments.toDocument(view, sequence),
                    new ReplaceOptions().upsert(true));
        }
    }

    @EventHandler
    void on(PersonDetailsCorrected event, @SequenceNumber Long sequence) {
        update(event.personId().value(), sequence, view -> view.corrected(event));
    }

    @EventHandler
    void on(RiskColourChanged event, @SequenceNumber Long sequence) {
        update(event.personId().value(), sequence, view -> view.withColour(event.to()));
    }

    /**
     * The person was erased: their document keeps what is counted but no longer names them (a rebuild
     * gives the same, since their events then read as erased). Not a person's stream event, so the
     * version stays.
     */
    @EventHandler
    void on(PersonErased event) {
        findProjected(event.personId()).ifPresent(projected -> persons.replaceOne(
                Filters.eq("_id", event.personId()),
                PersonDocuments.toDocument(projected.view().erased(), projected.version())));
    }

    /** Any other event of a person moves the document's version, so readers know it is current. */
    @EventHandler
    void on(PersonScoped event, DomainEventMessage<?> message) {
        persons.updateOne(Filters.and(Filters.eq("_id", message.getAggregateIdentifier()),
                        Filters.lt(PersonDocuments.VERSION, message.getSequenceNumber())),
                Updates.set(PersonDocuments.VERSION, message.getSequenceNumber()));
    }

    /** The projected person with the sequence number of the last event it reflects. */
    public Optional<Projected> findProjected(String personId) {
        return Optional.ofNullable(persons.find(Filters.eq("_id", personId)).first())
                .map(document -> new Projected(PersonDocuments.toView(document), PersonDocuments.version(document)));
    }

    /** The projected person, if the projection has seen them. */
    public Optional<PersonView> find(String personId) {
        return findProjected(personId).map(Projected::view);
    }

    /** A person as projected, up to the event with sequence number {@code version}. */
    public record Projected(PersonView view, long version) {
    }

    private void update(String personId, long sequence, UnaryOperator<PersonView> change) {
        findProjected(personId).filter(projected -> projected.version() < sequence).ifPresent(projected ->
                persons.replaceOne(Filters.and(Filters.eq("_id", personId),
                                Filters.eq(PersonDocuments.VERSION, projected.version())),
                        PersonDocuments.toDocument(change.apply(projected.view()), sequence)));
    }
}
