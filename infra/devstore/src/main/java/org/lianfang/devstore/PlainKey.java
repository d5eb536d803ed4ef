package org.lianfang.devstore;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;

/**
 * A one-field unique index's key, read straight from the document when the field is a top-level
 * string, ObjectId or number.
 *
 * <p>mongo-java-server computes a document's keys for an index by splitting the field path with a
 * regular expression, collecting the values per key into a map, normalizing them and building the
 * key set through streams: on every insert, once to check for a duplicate and once to add, inside
 * the index's lock. For a top-level field that holds a string, an ObjectId or a number — every
 * {@code _id} index, the event store's aggregate keys, the suite's idempotency keys — the key is
 * that one value, normalized as mongo-java-server normalizes it (strings and ObjectIds as they
 * are, numbers as doubles unless a long does not fit one), so the index computes it directly.
 * Anything else (arrays, sub-documents, null, a missing field, dotted paths, several fields) takes
 * the general path. Session 19 measured a raw insert of a 1-KB document into a collection with one
 * unique string index besides {@code _id} on the memory backend: the server allocated 14.3 KB per
 * insert before, 7.7 KB after.
 */
final class PlainKey {

    private PlainKey() {
    }

    /** The index's one top-level field, or null if the index has several or a dotted one. */
    static String field(List<IndexKey> keys) {
        if (keys.size() != 1) {
            return null;
        }
        String key = keys.get(0).getKey();
        return key.isEmpty() || key.indexOf('.') >= 0 || key.startsWith("$") ? null : key;
    }

    /** The document's key in the index of {@code field}, or null where the general path must compute it. */
    static KeyValue of(String field, Document document) {
        if (field == null) {
            return null;
        }
        Object value = normalized(document.get(field));
        return value == null ? null : new KeyValue(value);
    }

    /** mongo-java-server's {@code Utils.normalizeValue} for a plain value ({@link InLookup#normalized}); null for any other. */
    static Object normalized(Object value) {
        return value instanceof String || value instanceof ObjectId || value instanceof Number ? InLookup.normalized(value) : null;
    }

    /** A unique index's key set: the plain key, or what {@code general} computes. */
    static Set<KeyValue> keyValues(String field, Document document, Supplier<Set<KeyValue>> general) {
        KeyValue key = of(field, document);
        return key == null ? general.get() : Set.of(key);
    }

    /** A unique index's {@code checkAdd}: the plain key looked up in the index, or {@code general}. */
    static <P> void checkAdd(Index<P> index, String field, Document document, MongoCollection<P> collection,
                             Predicate<KeyValue> contains, Runnable general) {
        KeyValue key = of(field, document);
        if (key == null) {
            general.run();
        } else if (contains.test(key)) {
            throw new DuplicateKeyError(index, collection, index.getKeys(), key);
        }
    }
}
