package org.lianfang.devstore;

import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

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

    /** mongo-java-server's {@code Utils.normalizeValue} for a plain value; null for any other. */
    static Object normalized(Object value) {
        if (value instanceof String || value instanceof ObjectId) {
            return value;
        }
        if (value instanceof Long l && l != (long) l.doubleValue()) {
            return l;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == -0.0 ? 0.0 : d;
        }
        return null;
    }

    /** {@link #of} as the index's key set, or null. */
    static Set<KeyValue> setOf(String field, Document document) {
        KeyValue key = of(field, document);
        return key == null ? null : Set.of(key);
    }
}
