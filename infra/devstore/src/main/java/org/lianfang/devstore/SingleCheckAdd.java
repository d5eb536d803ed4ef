package org.lianfang.devstore;

import java.util.function.BiPredicate;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;

/**
 * A unique index's {@code add} without its second duplicate check.
 *
 * <p>mongo-java-server checks every index of a collection for a duplicate key before it adds a
 * document to any of them ({@code checkAdd}), so that a duplicate in the second index leaves the
 * first one untouched; each index's {@code add} then ran the same check again, and computed the
 * document's keys twice more. Under the collection's lock nothing can change in between, so the
 * key is put once: a put that still finds the key (a caller that skipped the check) is refused
 * as the check would have refused it. About a third of a unique index's cost per insert.
 */
final class SingleCheckAdd {

    private SingleCheckAdd() {
    }

    static <P> void add(Index<P> index, Document document, P position, MongoCollection<P> collection,
                        BiPredicate<KeyValue, P> putIfAbsent) {
        for (KeyValue keyValue : index.getKeyValues(document)) {
            if (!putIfAbsent.test(keyValue, position)) {
                throw new DuplicateKeyError(index, collection, index.getKeys(), keyValue);
            }
        }
    }
}
