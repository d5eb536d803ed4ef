package org.lianfang.checkpoint.tracing.query;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Bucket documents (a minute of a checkpoint, an hour of its board) whose entries, keyed by
 * crossing id under one field, are split into pages of about {@code capacity} entries: page 0 is
 * the bucket's own key, page {@code p} is {@code <key>#p}, and page 0 counts the pages
 * ({@code pages}, the highest page number). The store rewrites a whole document at every update,
 * so without pages a gate's busy minute grew without bound — 700 KB per minute document at 75
 * crossings a second, rewritten by every batch of the projection: much of the store's CPU and
 * garbage under the crossings benchmark. With pages an update rewrites at most one page per bucket.
 * <p>
 * Each page counts what was added to it ({@code n}); a batch writes its entries to the bucket's
 * open page (one bulk write, each filter by {@code _id} alone), then reads back the counts of the
 * pages it wrote ({@code n} only) and leaves a full one for the next page. Which page is open is remembered per bucket; a bucket this instance
 * has not written yet continues on its last page ({@code pages}). A page may so exceed its size by
 * a batch per writing instance, never more. A replay (or a redelivered batch) re-sets an entry
 * where it is if that page is still open; so that a replay of a full page's entries does not file
 * them a second time on a later page, a replaying batch reads the buckets first and writes only
 * what is missing. Readers merge a bucket's pages by crossing id, so an entry filed twice (a
 * redelivery after a crash) is still read once.
 */
final class PagedBuckets {

    /** Bucket ids per {@code $in} of a read. */
    private static final int IN_BATCH = 500;
    private static final int REMEMBERED_BUCKETS = 4096;
    private static final int DUPLICATE_KEY = 11000;
    private static final int UPSERT_ATTEMPTS = 3;
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    /** What a batch files in one bucket: plain fields set on every page, and entries by crossing id. */
    static final class Bucket {
        final Document fields = new Document();
        final Map<String, Object> entries = new LinkedHashMap<>();
    }

    private final MongoCollection<Document> collection;
    private final String field;
    private final int capacity;
    private final Map<String, Integer> openPages = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                    return size() > REMEMBERED_BUCKETS;
                }
            });

    PagedBuckets(MongoCollection<Document> collection, String field, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.collection = collection;
        this.field = field;
        this.capacity = capacity;
    }

    static String pageId(String bucket, int page) {
        return page == 0 ? bucket : bucket + "#" + page;
    }

    /** Files the entries; with {@code replaying}, only those not filed yet. */
    void write(Map<String, Bucket> buckets, boolean replaying) {
        Map<String, Bucket> pending = new LinkedHashMap<>(buckets);
        if (replaying) {
            Map<String, Map<String, Object>> filed = read(pending.keySet());
            pending.entrySet().removeIf(e -> {
                Map<String, Object> there = filed.getOrDefault(e.getKey(), Map.of());
                e.getValue().entries.keySet().removeIf(there::containsKey);
                return e.getValue().entries.isEmpty();
            });
        }
        if (pending.isEmpty()) {
            return;
        }
        // a bucket this instance has not written yet continues on its last page
        List<String> unknown = pending.keySet().stream().filter(bucket -> !openPages.containsKey(bucket)).toList();
        if (!unknown.isEmpty()) {
            Map<String, Integer> last = new HashMap<>();
            inBatches(unknown, "pages", doc -> last.put(doc.getString("_id"), doc.getInteger("pages", 0)));
            unknown.forEach(bucket -> openPages.putIfAbsent(bucket, last.getOrDefault(bucket, 0)));
        }
        // every filter is by _id alone (no condition on n): the page is chosen here, not by the store
        List<WriteModel<Document>> all = new ArrayList<>(pending.size() + 4);
        Map<String, String> written = new LinkedHashMap<>();
        pending.forEach((bucket, b) -> {
            int page = openPages.getOrDefault(bucket, 0);
            String id = pageId(bucket, page);
            written.put(id, bucket);
            Document set = new Document(b.fields);
            b.entries.forEach((crossing, value) -> set.append(field + "." + crossing, value));
            all.add(new UpdateOneModel<>(Filters.eq("_id", id),
                    new Document("$set", set).append("$inc", new Document("n", b.entries.size())), UPSERT));
            if (page > 0) {
                all.add(new UpdateOneModel<>(Filters.eq("_id", bucket),
                        new Document("$max", new Document("pages", page))));
            }
        });
        List<WriteModel<Document>> writes = all;
        for (int attempt = 1; ; attempt++) {
            try {
                collection.bulkWrite(writes, UNORDERED);
                break;
            } catch (MongoBulkWriteException e) {
                // two instances creating one page at once: one upsert loses the race on _id (E11000);
                // written again, it updates the page the other one created
                if (attempt == UPSERT_ATTEMPTS || !e.getWriteErrors().stream().allMatch(x -> x.getCode() == DUPLICATE_KEY)) {
                    throw e;
                }
                List<WriteModel<Document>> again = new ArrayList<>();
                for (com.mongodb.bulk.BulkWriteError error : e.getWriteErrors()) {
                    again.add(writes.get(error.getIndex()));
                }
                writes = again;
            }
        }
        // a page that is now full is left for the next one (by the next batch)
        inBatches(List.copyOf(written.keySet()), "n", doc -> {
            if (doc.getInteger("n", 0) >= capacity) {
                String bucket = written.get(doc.getString("_id"));
                openPages.merge(bucket, pageNumber(doc.getString("_id")) + 1, Math::max);
            }
        });
    }

    private static int pageNumber(String pageId) {
        int hash = pageId.lastIndexOf('#');
        return hash < 0 ? 0 : Integer.parseInt(pageId.substring(hash + 1));
    }

    /**
     * The entries of each bucket found (bucket id → crossing id → value), all its pages merged, the
     * first filing of an entry kept: page 0 of every bucket in {@code $in} batches, then the other
     * pages of those that have more.
     */
    Map<String, Map<String, Object>> read(Collection<String> bucketIds) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        List<String> more = new ArrayList<>();
        inBatches(List.copyOf(bucketIds), null, doc -> {
            String id = doc.getString("_id");
            merge(found.computeIfAbsent(id, k -> new LinkedHashMap<>()), doc);
            for (int page = 1; page <= doc.getInteger("pages", 0); page++) {
                more.add(pageId(id, page));
            }
        });
        inBatches(more, null, doc -> {
            String id = doc.getString("_id");
            merge(found.get(id.substring(0, id.lastIndexOf('#'))), doc);
        });
        return found;
    }

    private void merge(Map<String, Object> into, Document page) {
        Document entries = page.get(field, Document.class);
        if (entries != null) {
            entries.forEach(into::putIfAbsent);
        }
    }

    /** Pages by {@code _id} in {@code $in} batches; with {@code only}, just that field of each. */
    private void inBatches(List<String> ids, String only, java.util.function.Consumer<Document> each) {
        for (int i = 0; i < ids.size(); i += IN_BATCH) {
            var found = collection.find(Filters.in("_id", ids.subList(i, Math.min(ids.size(), i + IN_BATCH))));
            (only == null ? found : found.projection(new Document(only, 1))).forEach(each::accept);
        }
    }
}
