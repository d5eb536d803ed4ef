package org.lianfang.volunteer.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.bson.Document;

/** Small keyed-document helpers shared by the projections: every read is by {@code _id}. */
public final class Documents {

    public static final String VERSION = "version";

    private Documents() {
    }

    public static Optional<Document> byId(MongoCollection<Document> collection, String id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first());
    }

    /** The documents with these ids, in the order of {@code ids}, skipping missing ones. */
    public static List<Document> byIds(MongoCollection<Document> collection, Collection<String> ids) {
        List<Document> found = new ArrayList<>();
        if (ids.isEmpty()) {
            return found;
        }
        java.util.Map<String, Document> byId = new java.util.HashMap<>();
        collection.find(Filters.in("_id", ids)).forEach(doc -> byId.put(doc.getString("_id"), doc));
        for (String id : ids) {
            Document doc = byId.get(id);
            if (doc != null) {
                found.add(doc);
            }
        }
        return found;
    }

    public static void save(MongoCollection<Document> collection, Document doc) {
        collection.replaceOne(Filters.eq("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true));
    }

    /**
     * Whether an event with aggregate sequence {@code sequence} is new to {@code doc}, which
     * remembers the last one it applied: a replay or redelivery is skipped.
     */
    public static boolean isNew(Document doc, long sequence) {
        return !(doc.get(VERSION) instanceof Number applied && applied.longValue() >= sequence);
    }

    public static Instant instant(Document doc, String key) {
        String value = doc.getString(key);
        return value == null ? null : Instant.parse(value);
    }

    public static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    public static <T> List<T> filter(List<T> items, Predicate<T> keep) {
        return items.stream().filter(keep).toList();
    }
}
