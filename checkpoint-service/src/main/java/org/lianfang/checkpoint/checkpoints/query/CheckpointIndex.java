package org.lianfang.checkpoint.checkpoints.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.List;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.lianfang.contracts.checkpoint.CheckpointRegistered;
import org.springframework.stereotype.Component;

/**
 * Which checkpoints a community has, one document per community (and one, {@code *}, for all),
 * so lists and boards read by {@code _id}. Adding to a set is idempotent.
 */
@Component
@ProcessingGroup(CheckpointIndex.PROCESSING_GROUP)
public class CheckpointIndex {

    public static final String PROCESSING_GROUP = "checkpoint-index";
    public static final String COLLECTION = "community_checkpoints";
    public static final String ALL = "*";

    private final MongoCollection<Document> index;

    public CheckpointIndex(MongoDatabase serviceDatabase) {
        this.index = serviceDatabase.getCollection(COLLECTION);
    }

    @EventHandler
    void on(CheckpointRegistered event) {
        for (String key : List.of(event.communityId(), ALL)) {
            index.updateOne(Filters.eq("_id", key), Updates.addToSet("ids", event.checkpointId().value()),
                    new UpdateOptions().upsert(true));
        }
    }

    /** The checkpoint ids of {@code communityId} ({@code *} = all), sorted. */
    public List<String> idsOf(String communityId) {
        Document doc = index.find(Filters.eq("_id", communityId)).first();
        return doc == null ? List.of() : List.copyOf(new TreeSet<>(doc.getList("ids", String.class)));
    }
}
