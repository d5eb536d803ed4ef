package org.lianfang.devstore;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Matches {@code {field: {$in: [...]}}} by a hash look-up.
 *
 * <p>mongo-java-server finds the documents of an {@code $in} through an index and then checks
 * each found document against the query again. Its matcher walks the whole {@code $in} list per
 * document and compares by normalizing both values (allocating a {@code Double} per comparison),
 * so a look-up of n keys costs n² comparisons: ~24 % of the store's CPU for a trail's ~100-commit
 * look-up. Here the list is turned into a set once per query (and thread) and each document is
 * one look-up.
 *
 * <p>Only the plain shape takes this path: one top-level field, only {@code $in}, every listed
 * value a {@code String}, {@code Integer} or {@code Long}, and a document value that is one of
 * those or a {@code Double}. Everything else (arrays, sub-documents, dotted paths, regular
 * expressions, nulls, other operators) is left to the server's own matcher. Values are compared
 * as that matcher compares them: numbers by their {@code double} value unless a {@code long}
 * does not fit one exactly.
 */
final class InLookup {

    private static final String IN = "$in";

    /** The last {@code $in} list this thread matched and its set; the list is held, so its identity is not reused. */
    private static final ThreadLocal<Cached> LAST = new ThreadLocal<>();

    private record Cached(Collection<?> list, Set<Object> keys) {
    }

    private InLookup() {
    }

    /** Whether {@code document} matches {@code query}, or {@code null} when the query is not of the plain shape. */
    static Boolean matches(Document document, Document query) {
        if (query.size() != 1) {
            return null;
        }
        String field = query.keySet().iterator().next();
        if (field.isEmpty() || field.charAt(0) == '$' || field.indexOf('.') >= 0
            || !(query.get(field) instanceof Document condition)
            || condition.size() != 1 || !(condition.get(IN) instanceof Collection<?> list)) {
            return null;
        }
        Object value = document.get(field);
        if (!(value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Double)) {
            return null;
        }
        Set<Object> keys = keysOf(list);
        return keys == null ? null : keys.contains(normalized(value));
    }

    private static Set<Object> keysOf(Collection<?> list) {
        Cached cached = LAST.get();
        if (cached != null && cached.list() == list) {
            return cached.keys();
        }
        Set<Object> keys = new HashSet<>(list.size() * 2);
        for (Object item : list) {
            if (!(item instanceof String || item instanceof Integer || item instanceof Long)) {
                return null;
            }
            keys.add(normalized(item));
        }
        LAST.set(new Cached(list, keys));
        return keys;
    }

    /** As mongo-java-server's {@code Utils.normalizeValue} for strings and numbers. */
    static Object normalized(Object value) {
        if (value instanceof Long l && l != (long) l.doubleValue()) {
            return l;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == -0.0 ? 0.0 : d;
        }
        return value;
    }
}
