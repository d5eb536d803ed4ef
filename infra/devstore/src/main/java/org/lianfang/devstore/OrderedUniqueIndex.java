package org.lianfang.devstore;

import java.util.List;
import java.util.Map.Entry;
import java.util.Set;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;

/**
 * mongo-java-server's H2 unique index (its constructor is not public), on a map whose keys
 * compare by value ({@link IndexKeyType}).
 */
final class OrderedUniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> map;
    private final String plainField;

    OrderedUniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
        this.plainField = PlainKey.field(keys);
    }

    @Override
    public Set<KeyValue> getKeyValues(Document document) {
        return PlainKey.keyValues(plainField, document, () -> super.getKeyValues(document));
    }

    @Override
    public synchronized void checkAdd(Document document, MongoCollection<Object> collection) {
        PlainKey.checkAdd(this, plainField, document, collection, this::containsKey,
            () -> super.checkAdd(document, collection));
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        if (isSparse()) {
            super.add(document, position, collection);
        } else {
            SingleCheckAdd.add(this, document, position, collection, this::putKeyPosition);
        }
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return map.remove(keyValue);
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return map.get(keyValue);
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
