package org.lianfang.devstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The H2 backend's database with four fixes.
 *
 * <p><b>Unique indexes compare keys by value.</b> Their maps are opened with {@link IndexKeyType}
 * instead of H2's default key type, which Java-serialized both keys on every comparison.
 *
 * <p><b>Documents and index keys are stored as BSON</b> ({@link DocumentType}, {@link IndexKeyType}),
 * not Java-serialized: serialization was most of the time of the commit every acknowledged write
 * waits for.
 *
 * <p>A map written in an older order or format (a file from before these fixes) is rebuilt in the
 * current one when it is first opened; a marker map ({@value #CURRENT_MAPS}) records which maps
 * are current, so that this happens once per map.
 *
 * <p><b>{@code $in} is matched by a hash look-up</b> ({@link InLookup}), not by walking the list
 * for every document the index found.
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
    /**
     * Names of the maps written in the current order and format. No database name can start with
     * {@code $}, so no database's maps can clash with this one. (Files written before BSON used
     * {@code $devstore.ordered-index-maps}; their maps are all rebuilt once.)
     */
    static final String CURRENT_MAPS = "$devstore.bson-maps";

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
        String name = getFullCollectionNamespace(collectionName) + INDEX_INFIX + indexName;
        MVMap<KeyValue, Object> map = openCurrent(store(), name, indexMap());
        return new OrderedUniqueIndex(map, indexName, keys, sparse);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        MVStore store = store();
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> data = openCurrent(store, DATA_PREFIX + namespace, dataMap());
        MVMap<String, Object> meta = store.openMap(META_PREFIX + namespace);
        return new H2Collection(this, collectionName, options, data, meta, cursorRegistry) {
            @Override
            protected boolean documentMatchesQuery(Document document, Document query) {
                Boolean plain = InLookup.matches(document, query);
                return plain != null ? plain : super.documentMatchesQuery(document, query);
            }

            @Override
            protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                                 Document fieldSelector) {
                Iterable<Object> byId = IdLookup.positions(getIndexes(), query);
                return byId != null ? matchDocuments(query, byId, orderBy, skip, limit, batchSize, fieldSelector)
                    : super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
            }

            @Override
            protected QueryResult matchDocuments(Document query, Iterable<Object> positions, Document orderBy,
                                                 int skip, int limit, int batchSize, Document fieldSelector) {
                return super.matchDocuments(query, InLookup.distinct(positions), orderBy, skip, limit, batchSize,
                    fieldSelector);
            }

            @Override
            protected boolean tracksDataSize() {
                return false; // counted when asked: DataSize
            }

            @Override
            protected int getDataSize() {
                return DataSize.of(streamAllDocumentsWithPosition());
            }
        };
    }

    private static MVMap.Builder<KeyValue, Object> indexMap() {
        return new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType());
    }

    private static MVMap.Builder<Object, Document> dataMap() {
        return new MVMap.Builder<Object, Document>().valueType(new DocumentType());
    }

    /** Opens {@code name} in the current order and format, rebuilding it first if it was written otherwise. */
    private static <K, V> MVMap<K, V> openCurrent(MVStore store, String name, MVMap.Builder<K, V> builder) {
        MVMap<String, Boolean> current = store.openMap(CURRENT_MAPS);
        if (store.hasMap(name) && !Boolean.TRUE.equals(current.get(name))) {
            MVMap<Object, Object> old = store.openMap(name);
            List<Map.Entry<Object, Object>> entries = new ArrayList<>(old.entrySet());
            store.removeMap(old);
            @SuppressWarnings("unchecked")
            MVMap<Object, Object> rebuilt = (MVMap<Object, Object>) store.openMap(name, builder);
            entries.forEach(e -> rebuilt.put(e.getKey(), e.getValue()));
        }
        current.put(name, Boolean.TRUE);
        return store.openMap(name, builder);
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
        MVMap<String, Boolean> current = store.openMap(CURRENT_MAPS);
        if (current.remove(from) != null) {
            current.put(to, Boolean.TRUE);
        }
    }
}
