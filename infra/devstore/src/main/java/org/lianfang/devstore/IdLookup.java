package org.lianfang.devstore;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Finds the candidates of a query that names one {@code _id} and more (e.g. {@code {_id: x, n: {$lt: 100}}},
 * a conditional update or an optimistic-version check) through the {@code _id} index.
 *
 * <p>mongo-java-server uses an index only when the query's fields are exactly the index's: any
 * other field made it scan the whole collection and match every document. A real MongoDB uses the
 * {@code _id} index for such a query; here the one document with that {@code _id} is taken from
 * the index and then matched against the whole query as before (so the answer is the same, and an
 * upsert whose other conditions fail still inserts and collides on {@code _id}, as on MongoDB).
 *
 * <p>The {@code _id} may be a field of the query itself or of a conjunct in {@code $and}, at any
 * depth: the driver's {@code Filters.and(eq("_id", x), …)} — the shape every conditional update
 * of the suite sends — renders as {@code {$and: [{_id: x}, …]}}. Until 2026-12-01 only the flat
 * shape took this path, so those updates scanned their collections (20 ms per update at 30,000
 * documents, against 0.1–0.3 ms by key).
 *
 * <p>Only a plain {@code _id} value takes this path (a string, number, ObjectId…; not a
 * sub-document, operator, list or null); everything else is left to the server.
 */
final class IdLookup {

    /** How many queries took this path (tests). */
    static final LongAdder TAKEN = new LongAdder();

    private IdLookup() {
    }

    /** The positions to match {@code query} against, or {@code null} when the server should plan it. */
    static <P> Iterable<P> positions(List<Index<P>> indexes, Document query) {
        if (query == null || query.size() == 1 && query.containsKey("_id")) {
            return null; // {_id: …} alone: the server's own index answers it
        }
        Object id = pinnedId(query, 0);
        if (id == null) {
            return null;
        }
        Document byId = new Document("_id", id);
        for (Index<P> index : indexes) {
            if (index.isUnique() && index.getKeys().size() == 1 && "_id".equals(index.getKeys().get(0).getKey())
                && index.canHandle(byId)) {
                TAKEN.increment();
                return index.getPositions(byId);
            }
        }
        return null;
    }

    /**
     * The plain value the query pins {@code _id} to: its own {@code _id} field, or that of a
     * conjunct of its {@code $and} (nested {@code $and}s too); {@code null} if there is none.
     */
    private static Object pinnedId(Document query, int depth) {
        if (query.containsKey("_id")) {
            Object id = query.get("_id");
            if (isPlain(id)) {
                return id;
            }
        }
        if (depth < 8 && query.get("$and") instanceof List<?> conjuncts) {
            for (Object conjunct : conjuncts) {
                if (conjunct instanceof Document part) {
                    Object id = pinnedId(part, depth + 1);
                    if (id != null) {
                        return id;
                    }
                }
            }
        }
        return null;
    }

    private static boolean isPlain(Object id) {
        return id != null && !(id instanceof Document) && !(id instanceof Collection<?>)
            && !(id instanceof java.util.regex.Pattern) && !id.getClass().getSimpleName().equals("BsonRegularExpression");
    }
}
