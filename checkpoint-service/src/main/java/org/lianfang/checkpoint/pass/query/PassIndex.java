package org.lianfang.checkpoint.pass.query;

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
import org.lianfang.contracts.checkpoint.PassIssued;
import org.springframework.stereotype.Component;

/**
 * Which passes a community and each compound have (documents by {@code _id}: {@code community:<id>},
 * {@code compound:<id>}), for lists and the board. Adding to a set is idempotent.
 */
@Component
@ProcessingGroup(PassIndex.PROCESSING_GROUP)
public class PassIndex {

    public static final String PROCESSING_GROUP = "pass-index";
    public static final String COLLECTION = "pass_index";

    private final MongoCollection<Document> index;

    public PassIndex(MongoDatabase serviceDatabase) {
        this.index = serviceDatabase.getCollection(COLLECTION);
    }

    @EventHandler
    void on(PassIssued event) {
        for (String key : List.of("community:" + event.communityId(), "community:*",
                "compound:" + event.compoundId())) {
            index.updateOne(Filters.eq("_id", key), Updates.addToSet("ids", event.passId()),
                    new UpdateOptions().upsert(true));
        }
    }

    public List<String> ofCommunity(String communityId) {
        return ids("community:" + communityId);
    }

    public List<String> ofCompound(String compoundId) {
        return ids("compound:" + compoundId);
    }

    private List<String> ids(String key) {
        Document doc = index.find(Filters.eq("_id", key)).first();
        return doc == null ? List.of() : List.copyOf(new TreeSet<>(doc.getList("ids", String.class)));
    }
}
