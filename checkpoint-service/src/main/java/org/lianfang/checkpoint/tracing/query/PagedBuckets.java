package org.lianfang.checkpoint.tracing.query;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
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
 * crossings a second, rewritten by every batch of the projection, most of the store's CPU and
 * garbage under the crossings benchmark. With pages an update rewrites at most one page per bucket.
 * <p>
 * Writes need no read: each page counts what was added to it ({@code n}, only a fill hint) and an
 * upsert that finds the page full collides on {@code _id} (E11000) and moves on to the next page;
 * which page is open is remembered per bucket. Two instances may both open a page (one collides
 * and moves on): a few pages are then part-full, nothing is lost. A replay (or a redelivered
 * batch) re-sets an entry where it is if its page still has room; so that a replay of a full
 * page's entries does not file them a second time on a later page, a replaying batch reads the
 * buckets first and writes only what is missing. Readers merge a bucket's pages by crossing id,
 * so an entry filed twice (a redelivery after a crash) is still read once.
 */
final class PagedBuckets {

    /** Bucket ids per {@code $in} of a read. */
    private static final int IN_BATCH = 500;
    private static final int DUPLICATE_KEY = 11000;
    private static final int MAX_ATTEMPTS = 64;
    private static final int REMEMBERED_BUCKETS = 4096;
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
        Map<String, Integer> lastPages = new HashMap<>();
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<String> order = new ArrayList<>(pending.keySet());
            List<WriteModel<Document>> writes = new ArrayList<>(order.size());
            Map<String, Integer> pageOf = new HashMap<>();
            for (String bucket : order) {
                int page = openPages.getOrDefault(bucket, 0);
                pageOf.put(bucket, page);
                Bucket b = pending.get(bucket);
                Document set = new Document(b.fields);
                b.entries.forEach((id, value) -> set.append(field + "." + id, value));
                writes.add(new UpdateOneModel<>(
                        Filters.and(Filters.eq("_id", pageId(bucket, page)), Filters.lt("n", capacity)),
                        new Document("$set", set).append("$inc", new Document("n", b.entries.size())), UPSERT));
            }
            List<String> full = new ArrayList<>();
            try {
                collection.bulkWrite(writes, UNORDERED);
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (error.getCode() != DUPLICATE_KEY || attempt == MAX_ATTEMPTS) {
                        throw e;
                    }
                    full.add(order.get(error.getIndex()));
                }
            }
            for (String bucket : order) {
                int page = pageOf.get(bucket);
                if (full.contains(bucket)) {
                    // full (or opened a moment ago by another instance): the next page
                    openPages.put(bucket, page + 1);
                } else {
                    openPages.put(bucket, page);
                    lastPages.merge(bucket, page, Math::max);
                    pending.remove(bucket);
                }
            }
        }
        List<WriteModel<Document>> counts = new ArrayList<>();
        lastPages.forEach((bucket, page) -> {
            if (page > 0) {
                counts.add(new UpdateOneModel<>(Filters.eq("_id", bucket),
                        new Document("$max", new Document("pages", page))));
            }
        });
        if (!counts.isEmpty()) {
            collection.bulkWrite(counts, UNORDERED);
        }
    }

    /**
     * The entries of each bucket found (bucket id → crossing id → value), all its pages merged, the
     * first filing of an entry kept: page 0 of every bucket in {@code $in} batches, then the other
     * pages of those that have more.
     */
    Map<String, Map<String, Object>> read(Collection<String> bucketIds) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        List<String> more = new ArrayList<>();
        inBatches(List.copyOf(bucketIds), doc -> {
            String id = doc.getString("_id");
            merge(found.computeIfAbsent(id, k -> new LinkedHashMap<>()), doc);
            for (int page = 1; page <= doc.getInteger("pages", 0); page++) {
                more.add(pageId(id, page));
            }
        });
        inBatches(more, doc -> {
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

    private void inBatches(List<String> ids, java.util.function.Consumer<Document> each) {
        for (int i = 0; i < ids.size(); i += IN_BATCH) {
            collection.find(Filters.in("_id", ids.subList(i, Math.min(ids.size(), i + IN_BATCH)))).forEach(each::accept);
        }
    }
}
