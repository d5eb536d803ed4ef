package org.lianfang.devstore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The key type of the H2 backend's unique-index maps: compares {@link KeyValue}s by their values
 * instead of by their Java serialization.
 *
 * <p>mongo-java-server keys its unique indexes by {@code KeyValue}, which is not
 * {@code Comparable}; H2's default {@link ObjectDataType} then Java-serializes both keys on every
 * B-tree comparison, which took most of the CPU of an insert into a collection with unique
 * indexes. Keys are written value by value in BSON ({@code Missing} as a marker), not
 * Java-serialized, for the same reason as {@link DocumentType}; anything else falls back to the
 * default encoding behind its own first byte. Maps written in an older order or format are
 * rebuilt once (see {@link PatchedH2Database}).
 *
 * <p>The order is BSON's ({@link ValueComparator}) value by value, ties between values that
 * compare equal without being equal broken by the default order, so that two keys compare as
 * equal exactly when they are equal — what a unique index needs.
 */
final class IndexKeyType extends ObjectDataType {

    private static final ValueComparator VALUES = ValueComparator.asc();
    private static final byte KEY = 0;
    private static final byte OTHER = 1;
    private static final byte MISSING = -1;

    /** What {@code Utils.normalizeNumber} turns a double into ({@code kind}). */
    private static final int INT = 0;
    private static final int LONG = 1;
    private static final int DOUBLE = 2;

    @Override
    public void write(WriteBuffer buffer, Object key) {
        if (key instanceof KeyValue values) {
            ByteBuf encoded = Unpooled.buffer(64);
            try {
                encoded.writeInt(values.size());
                for (Object value : values) {
                    if (value instanceof Missing) {
                        encoded.writeByte(MISSING);
                    } else {
                        byte type = BsonEncoder.determineType(value);
                        encoded.writeByte(type);
                        BsonEncoder.encodeValue(type, value, encoded);
                    }
                }
                buffer.put(KEY);
                buffer.put(encoded.nioBuffer());
                return;
            } catch (RuntimeException notBson) {
                // written the default way below
            }
        }
        buffer.put(OTHER);
        super.write(buffer, key);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get() == OTHER) {
            return super.read(buffer);
        }
        int size = buffer.getInt();
        ByteBuf in = Unpooled.wrappedBuffer(buffer.slice());
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            byte type = in.readByte();
            values.add(type == MISSING ? Missing.getInstance() : BsonDecoder.decodeValue(type, in));
        }
        buffer.position(buffer.position() + in.readerIndex());
        return new KeyValue(values);
    }

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
            int c = compareValues(x, y);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /**
     * Two values that are not equal, in BSON's order, ties broken by the default order. Strings and
     * doubles — nearly every key: ids, aggregate keys, normalized numbers — are compared here as
     * {@link ValueComparator} compares them, without its type look-ups and without the boxed number
     * it allocates per comparison ({@code Utils.normalizeNumber}); a B-tree look-up makes ~20.
     */
    int compareValues(Object x, Object y) {
        int c;
        if (x instanceof String sx && y instanceof String sy) {
            c = sx.compareTo(sy);
        } else if (x instanceof Double dx && y instanceof Double dy) {
            c = compareNumbers(dx, dy);
        } else {
            c = VALUES.compare(x, y);
        }
        if (c == 0 && x != null && y != null) {
            c = super.compare(x, y);
        }
        return c;
    }

    /** As {@code ValueComparator}: each side normalized to an int, a long or a double, then compared. */
    private static int compareNumbers(double x, double y) {
        int kx = kind(x);
        int ky = kind(y);
        if (kx == LONG || ky == LONG) {
            return Long.compare((long) x, (long) y);
        }
        return Double.compare(kx == INT ? (int) x : x, ky == INT ? (int) y : y);
    }

    /** What {@code Utils.normalizeNumber} turns a double into. */
    private static int kind(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return DOUBLE;
        }
        if ((int) d == d) {
            return INT;
        }
        return (long) d == d ? LONG : DOUBLE;
    }
}
