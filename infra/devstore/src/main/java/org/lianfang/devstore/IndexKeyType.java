package org.lianfang.devstore;

import java.util.Objects;

import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;

/**
 * The key type of the H2 backend's unique-index maps: compares {@link KeyValue}s by their values
 * instead of by their Java serialization.
 *
 * <p>mongo-java-server keys its unique indexes by {@code KeyValue}, which is not
 * {@code Comparable}; H2's default {@link ObjectDataType} then Java-serializes both keys on every
 * B-tree comparison, which took most of the CPU of an insert into a collection with unique
 * indexes. Keys are still written and read exactly as before (only the order differs), so the
 * file format is unchanged; maps built in the old order are rebuilt once
 * (see {@link PatchedH2Database}).
 *
 * <p>The order is BSON's ({@link ValueComparator}) value by value, ties between values that
 * compare equal without being equal broken by the default order, so that two keys compare as
 * equal exactly when they are equal — what a unique index needs.
 */
final class IndexKeyType extends ObjectDataType {

    private static final ValueComparator VALUES = ValueComparator.asc();

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue ka && b instanceof KeyValue kb) {
            return compareKeys(ka, kb);
        }
        return super.compare(a, b);
    }

    private int compareKeys(KeyValue a, KeyValue b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (Objects.equals(x, y)) {
                continue;
            }
            int c = VALUES.compare(x, y);
            if (c == 0 && x != null && y != null) {
                c = super.compare(x, y);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
