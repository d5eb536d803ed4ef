package org.lianfang.registry.compound.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.registry.CompoundRegistered;
import org.springframework.stereotype.Component;

/**
 * Finds the registered compound a person's form names, by its id or by its name within the
 * community, so persons carry the compound's id: callers limited to compounds name them by id
 * (an HTTP header cannot carry 安国小区), and names are for people to read. Names are keyed
 * documents ({@code _id} = community + name); the first compound registered under a name keeps it.
 */
@Component
@ProcessingGroup(CompoundDirectory.PROCESSING_GROUP)
public class CompoundDirectory {

    public static final String PROCESSING_GROUP = "compound-names";
    public static final String COLLECTION = "compound_names";
    static final String PREFIX = "compound-";

    private final MongoCollection<Document> names;
    private final CompoundQueries compounds;

    public CompoundDirectory(MongoDatabase serviceDatabase, CompoundQueries compounds) {
        this.names = serviceDatabase.getCollection(COLLECTION);
        this.compounds = compounds;
    }

    /** A registered compound: its id and its name. */
    public record Resolved(String id, String name) {
    }

    @EventHandler
    void on(CompoundRegistered event, @MetaDataValue(MetadataKeys.COMMUNITY_ID) String communityId) {
        names.updateOne(Filters.eq("_id", key(communityId, event.name().strip())),
                Updates.setOnInsert("compoundId", event.compoundId()), new UpdateOptions().upsert(true));
    }

    /** The compound of {@code community} whose id is {@code compoundId}. */
    public Optional<Resolved> byId(String community, String compoundId) {
        if (compoundId == null || !compoundId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return compounds.find(compoundId).filter(c -> Objects.equals(c.communityId(), community))
                .map(c -> new Resolved(c.id(), c.name()));
    }

    /** The compound of {@code community} that {@code given} names, by id or by name (a moment after it was registered). */
    public Optional<Resolved> resolve(String community, String given) {
        if (given == null || given.isBlank()) {
            return Optional.empty();
        }
        Optional<Resolved> byId = byId(community, given.strip());
        if (byId.isPresent()) {
            return byId;
        }
        return Optional.ofNullable(names.find(Filters.eq("_id", key(community, given.strip()))).first())
                .map(d -> new Resolved(d.getString("compoundId"), given.strip()));
    }

    private static String key(String community, String name) {
        return (community == null ? "" : community) + "\n" + name;
    }
}
