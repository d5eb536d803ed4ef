package org.lianfang.devstore;

import java.util.List;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Database;

/**
 * Fixes renaming a collection ({@code renameCollection}, {@code $out}) on the H2 backend.
 *
 * <p>mongo-java-server 1.47.0 renames the collection in memory first and then renames its maps
 * under the already-new name, i.e. not at all: it keeps working until a restart, which brings
 * back an empty collection under the new name (the documents stay in a map under the old name)
 * and unique indexes that no longer know the existing documents. Here the data, metadata and
 * index maps move to the new name too.
 */
final class RenameSafeH2Database extends H2Database {

    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    private static final String INDEX_INFIX = "._index_";

    private final MVStore store;

    RenameSafeH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        super(databaseName, store, cursorRegistry);
        this.store = store;
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
    }
}
