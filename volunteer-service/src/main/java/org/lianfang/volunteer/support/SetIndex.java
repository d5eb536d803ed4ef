package org.lianfang.volunteer.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.bson.Document;

/**
 * Sets of ids kept under a key ({@code _id}), e.g. "the volunteers of community anguo": the embedded
 * store answers only keyed reads without a scan, and adding to / pulling from a set is idempotent,
 * so projections can be replayed and redelivered.
 */
public final class SetIndex {

    private final MongoCollection<Document> sets;

    public SetIndex(MongoDatabase database, String collection) {
        this.sets = database.getCollection(collection);
    }

    /** Empties every set, for a projection rebuilt from scratch. */
    public void clear() {
        sets.deleteMany(new Document());
    }

    public void add(String key, String id) {
        sets.updateOne(Filters.eq("_id", key), Updates.addToSet("ids", id), new UpdateOptions().upsert(true));
    }

    public void remove(String key, String id) {
        sets.updateOne(Filters.eq("_id", key), Updates.pull("ids", id));
    }

    /** The ids under {@code key}, sorted. */
    public TreeSet<String> members(String key) {
        return members(List.of(key));
    }

    /** The ids under any of {@code keys}, sorted. */
    public TreeSet<String> members(Collection<String> keys) {
        TreeSet<String> ids = new TreeSet<>();
        if (keys.isEmpty()) {
            return ids;
        }
        sets.find(Filters.in("_id", keys)).forEach(doc -> ids.addAll(doc.getList("ids", String.class, List.of())));
        return ids;
    }
}
