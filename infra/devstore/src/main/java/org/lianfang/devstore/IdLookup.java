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
        if (query == null || query.size() < 2 || !query.containsKey("_id")) {
            return null;
        }
        Object id = query.get("_id");
        if (id == null || id instanceof Document || id instanceof Collection<?> || id instanceof java.util.regex.Pattern
            || id.getClass().getSimpleName().equals("BsonRegularExpression")) {
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
}
