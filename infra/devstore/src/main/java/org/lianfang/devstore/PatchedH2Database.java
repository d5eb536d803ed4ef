package org.lianfang.devstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;

/**
 * The H2 backend's database with two fixes.
 *
 * <p><b>Unique indexes compare keys by value.</b> Their maps are opened with {@link IndexKeyType}
 * instead of H2's default key type, which Java-serialized both keys on every comparison. A map
 * written in the old order (a file from before this fix) is rebuilt in the new one when it is
 * first opened; a marker map ({@value #ORDERED_INDEXES}) records which maps are in the new order,
 * so that this happens once.
 *
 * <p><b>Renaming a collection</b> ({@code renameCollection}, {@code $out}): mongo-java-server 1.47.0 renames the collection in memory first and then renames its maps
 * under the already-new name, i.e. not at all: it keeps working until a restart, which brings
 * back an empty collection under the new name (the documents stay in a map under the old name)
 * and unique indexes that no longer know the existing documents. Here the data, metadata and
 * index maps move to the new name too.
 */
final class PatchedH2Database extends H2Database {

    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    private static final String INDEX_INFIX = "._index_";
    /** No database name can start with {@code $}, so no database's maps can clash with this one. */
    static final String ORDERED_INDEXES = "$devstore.ordered-index-maps";

    /** The store of a database under construction: the super constructor already opens its indexes. */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    private MVStore store;

    private PatchedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        super(databaseName, store, cursorRegistry);
        this.store = store;
    }

    static PatchedH2Database open(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        OPENING.set(store);
        try {
            return new PatchedH2Database(databaseName, store, cursorRegistry);
        } finally {
            OPENING.remove();
        }
    }

    private MVStore store() {
        return store != null ? store : OPENING.get();
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        MVStore store = store();
        String name = getFullCollectionNamespace(collectionName) + INDEX_INFIX + indexName;
        MVMap<String, Boolean> ordered = store.openMap(ORDERED_INDEXES);
        if (store.hasMap(name) && !Boolean.TRUE.equals(ordered.get(name))) {
            rebuildInValueOrder(store, name);
        }
        ordered.put(name, Boolean.TRUE);
        MVMap<KeyValue, Object> map = store.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
        return new OrderedUniqueIndex(map, indexName, keys, sparse);
    }

    private static void rebuildInValueOrder(MVStore store, String name) {
        MVMap<Object, Object> old = store.openMap(name);
        List<Map.Entry<Object, Object>> entries = new ArrayList<>(old.entrySet());
        store.removeMap(old);
        MVMap<KeyValue, Object> rebuilt = store.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
        entries.forEach(e -> rebuilt.put((KeyValue) e.getKey(), e.getValue()));
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        String oldNamespace = collection.getFullName();
        super.moveCollection(oldDatabase, collection, newCollectionName);
        String newNamespace = collection.getFullName();
        if (!oldNamespace.equals(newNamespace)) {
            moveMap(DATA_PREFIX + oldNamespace, DATA_PREFIX + newNamespace);
            moveMap(META_PREFIX + oldNamespace, META_PREFIX + newNamespace);
            List<String> indexMaps = store.getMapNames().stream()
                .filter(name -> name.startsWith(oldNamespace + INDEX_INFIX))
                .toList();
            for (String indexMap : indexMaps) {
                moveMap(indexMap, newNamespace + indexMap.substring(oldNamespace.length()));
            }
        }
    }

    private void moveMap(String from, String to) {
        if (!store.hasMap(from)) {
            return;
        }
        if (store.hasMap(to)) {
            store.removeMap(to);
        }
        store.renameMap(store.openMap(from), to);
        MVMap<String, Boolean> ordered = store.openMap(ORDERED_INDEXES);
        if (ordered.remove(from) != null) {
            ordered.put(to, Boolean.TRUE);
        }
    }
}
