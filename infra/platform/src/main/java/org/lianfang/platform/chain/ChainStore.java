package org.lianfang.platform.chain;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The chain in the service's database, read and written by key only.
 * <ul>
 *   <li>{@code event_chain}: one document per global index, {@code _id} = the index, with
 *       {@code hash}, {@code eventId} (absent for a hole), {@code hole: true} for an index no event
 *       will fill, and {@code chainedAt}. Documents are only ever inserted; one above the head
 *       may be left by a chainer that stopped before moving the head, and is then checked again.</li>
 *   <li>{@code event_chain_head}: a single document {@code _id: "head"} — the last chained
 *       {@code index} and its {@code hash}, counts of {@code events} and {@code holes}, and the
 *       lease ({@code owner}, {@code leaseUntil}) of the one instance that extends the chain. The
 *       head moves only by compare-and-set on (index, owner), so a chainer that lost its lease
 *       can no longer move it.</li>
 * </ul>
 */
public class ChainStore {

    public static final String ENTRIES = "event_chain";
    public static final String HEAD = "event_chain_head";
    /** Keys per {@code $in} query. */
    static final int IN_CHUNK = 64;
    static final String HEAD_ID = "head";

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> head;

    public ChainStore(MongoDatabase serviceDatabase) {
        this.entries = serviceDatabase.getCollection(ENTRIES);
        this.head = serviceDatabase.getCollection(HEAD);
    }

    /** The chain's head; index 0 and the genesis hash while nothing is chained. */
    public Head head() {
        Document doc = head.find(eq("_id", HEAD_ID)).first();
        return doc == null ? Head.EMPTY : Head.of(doc);
    }

    /**
     * Takes or renews the lease for {@code owner} until {@code until}; true if {@code owner} holds
     * it now (it was free, expired at {@code now}, or already theirs).
     */
    boolean acquire(String owner, Instant now, Instant until) {
        if (head.find(eq("_id", HEAD_ID)).first() == null) {
            try {
                head.insertOne(new Document("_id", HEAD_ID).append("index", 0L).append("hash", ChainHash.GENESIS)
                        .append("events", 0L).append("holes", 0L)
                        .append("owner", owner).append("leaseUntil", Date.from(until))
                        .append("updatedAt", Date.from(now)));
                return true;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        Document taken = head.findOneAndUpdate(
                and(eq("_id", HEAD_ID), or(eq("owner", owner), lt("leaseUntil", Date.from(now)))),
                Updates.combine(Updates.set("owner", owner), Updates.set("leaseUntil", Date.from(until))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return taken != null;
    }

    /** Gives the lease up at once, so another instance takes over without waiting for it to expire. */
    void release(String owner) {
        head.updateOne(and(eq("_id", HEAD_ID), eq("owner", owner)), Updates.set("leaseUntil", new Date(0)));
    }

    /**
     * Moves the head from {@code from} to {@code to} if {@code owner} still holds the lease and
     * nobody moved it meanwhile; also renews the lease.
     */
    boolean advance(String owner, Head from, Head to, Instant now, Instant leaseUntil) {
        return head.updateOne(and(eq("_id", HEAD_ID), eq("index", from.index()), eq("owner", owner)),
                Updates.combine(
                        Updates.set("index", to.index()),
                        Updates.set("hash", to.hash()),
                        Updates.set("events", to.events()),
                        Updates.set("holes", to.holes()),
                        Updates.set("updatedAt", Date.from(now)),
                        Updates.set("leaseUntil", Date.from(leaseUntil)))).getMatchedCount() == 1;
    }

    /** The entries stored for {@code indexes}, by index (missing ones absent). */
    public Map<Long, Entry> entries(List<Long> indexes) {
        Map<Long, Entry> result = new HashMap<>();
        // in bounded chunks: the embedded store matches every found document against the whole $in
        // list again, so one query of n keys costs n² comparisons (a trail's 300 keys: 90,000)
        for (int from = 0; from < indexes.size(); from += IN_CHUNK) {
            List<Long> chunk = indexes.subList(from, Math.min(indexes.size(), from + IN_CHUNK));
            for (Document doc : entries.find(in("_id", chunk)).into(new ArrayList<>())) {
                Entry entry = Entry.of(doc);
                result.put(entry.globalIndex(), entry);
            }
        }
        return result;
    }

    /** Inserts {@code entry}; false (and nothing written) if an entry for its index already exists. */
    boolean insert(Entry entry, Instant now) {
        try {
            entries.insertOne(entry.toDocument(now));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Inserts all of {@code batch} in one round trip; false if some index already had an entry. */
    boolean insertAll(List<Entry> batch, Instant now) {
        try {
            entries.insertMany(batch.stream().map(entry -> entry.toDocument(now)).toList(),
                    new InsertManyOptions().ordered(false));
            return true;
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().allMatch(error ->
                    ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
                return false;
            }
            throw e;
        }
    }

    /** Overwrites a provisional entry above the head, left by a chainer that lost its lease. */
    void replace(Entry entry, Instant now) {
        entries.replaceOne(eq("_id", entry.globalIndex()), entry.toDocument(now));
    }

    /** The head of the chain: the last chained global index and its hash. */
    public record Head(long index, String hash, long events, long holes, String owner, Instant updatedAt) {

        static final Head EMPTY = new Head(0, ChainHash.GENESIS, 0, 0, null, null);

        static Head of(Document doc) {
            Date updated = doc.getDate("updatedAt");
            return new Head(((Number) doc.get("index")).longValue(), doc.getString("hash"),
                    ((Number) doc.get("events")).longValue(), ((Number) doc.get("holes")).longValue(),
                    doc.getString("owner"), updated == null ? null : updated.toInstant());
        }

        Head then(Entry entry) {
            return new Head(entry.globalIndex(), entry.hash(), events + (entry.hole() ? 0 : 1),
                    holes + (entry.hole() ? 1 : 0), owner, updatedAt);
        }
    }

    /** One link of the chain. */
    public record Entry(long globalIndex, String hash, String eventId, boolean hole) {

        static Entry of(Document doc) {
            return new Entry(((Number) doc.get("_id")).longValue(), doc.getString("hash"), doc.getString("eventId"),
                    Boolean.TRUE.equals(doc.getBoolean("hole")));
        }

        Document toDocument(Instant now) {
            Document doc = new Document("_id", globalIndex).append("hash", hash);
            if (hole) {
                doc.append("hole", true);
            } else {
                doc.append("eventId", eventId);
            }
            return doc.append("chainedAt", Date.from(now));
        }
    }
}
