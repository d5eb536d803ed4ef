package org.lianfang.devstore;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
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
 * those or a {@code Double}, or an array of such values (it matches when an element does).
 * Everything else (other arrays, sub-documents, dotted paths, regular expressions, nulls, other
 * operators) is left to the server's own matcher. Values are compared
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
        if (value instanceof List<?> values) {
            // An array matches when one of its elements does (the listed values are never arrays here).
            for (Object element : values) {
                if (!isScalar(element)) {
                    return null;
                }
            }
            Set<Object> keys = keysOf(list);
            if (keys == null) {
                return null;
            }
            for (Object element : values) {
                if (keys.contains(normalized(element))) {
                    return true;
                }
            }
            return false;
        }
        if (!isScalar(value)) {
            return null;
        }
        Set<Object> keys = keysOf(list);
        return keys == null ? null : keys.contains(normalized(value));
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Double;
    }

    /**
     * Each position once, in the order found. An index on an array field holds a document once
     * per element, so mongo-java-server's {@code $in} over it returns a document once per listed
     * element it holds; MongoDB returns it once.
     */
    static <P> Iterable<P> distinct(Iterable<P> positions) {
        if (positions instanceof Collection<P> found && found.size() > 1 && !(found instanceof Set)) {
            Set<P> once = new LinkedHashSet<>(found);
            return once.size() == found.size() ? found : once;
        }
        return positions;
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
