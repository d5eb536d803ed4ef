package org.lianfang.devstore;

import de.bwaldvogel.mongo.bson.Document;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Gives the embedded store the per-document atomicity a real server has.
 *
 * <p>mongo-java-server runs {@code findAndModify} and updates as unlocked read-modify-write
 * sequences and answers with references to the stored documents, which the server serializes
 * only after the command returned. Two clients incrementing one counter therefore got the same
 * value (measured: dozens of duplicates in 1,600 concurrent {@code $inc}), and a reader could see
 * a document half-way through an update. Here a write command runs alone in its collection, reads
 * of a collection run together, and every reply is deep-copied before the lock is released.
 *
 * <p>The lock is per collection, not per store: a projection rewriting a large bucket document
 * must not hold up a service's appends to its event store (measured on the checkpoint crossing
 * path, where one store lock serialized every command of every service sharing the store).
 * Commands that name no single collection, or read others ({@code $lookup}), take the whole
 * store.
 */
final class CommandIsolation {

    /** Commands whose value is the one collection they read or write. */
    private static final Set<String> COLLECTION_COMMANDS = Set.of(
        "insert", "update", "delete", "findandmodify", "find", "count", "distinct", "aggregate", "killcursors");

    private final ReentrantReadWriteLock store = new ReentrantReadWriteLock();
    private final Map<String, ReentrantReadWriteLock> collections = new ConcurrentHashMap<>();
    /** Collections written since the last store-wide write (which may have dropped them). */
    private final Set<String> written = ConcurrentHashMap.newKeySet();

    Document write(String databaseName, String command, Map<String, Object> query, Supplier<Document> run) {
        return isolated(databaseName, command, query, run, true);
    }

    Document read(String databaseName, String command, Map<String, Object> query, Supplier<Document> run) {
        return isolated(databaseName, command, query, run, false);
    }

    private Document isolated(String databaseName, String command, Map<String, Object> query,
                              Supplier<Document> run, boolean write) {
        String collection = collectionOf(command, query);
        String namespace = collection == null ? null : databaseName + "." + collection;
        if (namespace != null) {
            store.readLock().lock();
            try {
                // a collection written since the last store-wide write exists: its own lock suffices
                if (!write || written.contains(namespace)) {
                    ReentrantReadWriteLock own = collections.computeIfAbsent(namespace,
                        name -> new ReentrantReadWriteLock());
                    Lock lock = write ? own.writeLock() : own.readLock();
                    lock.lock();
                    try {
                        return copy(run.get());
                    } finally {
                        lock.unlock();
                    }
                }
            } finally {
                store.readLock().unlock();
            }
        }
        // naming no collection (listCollections, createIndexes, drop...), or the first write of a
        // collection, which may create it in the database's shared catalogue: alone in the store
        store.writeLock().lock();
        try {
            Document reply = copy(run.get());
            if (namespace != null) {
                written.add(namespace);
            } else if (write) {
                written.clear();
            }
            return reply;
        } finally {
            store.writeLock().unlock();
        }
    }

    static String collectionOf(String command, Map<String, Object> query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("getmore")) {
            return query.get("collection") instanceof String collection ? collection : null;
        }
        if (!COLLECTION_COMMANDS.contains(name) || !(query.get(command) instanceof String collection)) {
            return null;
        }
        if (name.equals("aggregate") && readsOtherCollections(query.get("pipeline"))) {
            return null;
        }
        return collection;
    }

    private static boolean readsOtherCollections(Object pipeline) {
        if (!(pipeline instanceof List<?> stages)) {
            return true;
        }
        return stages.stream().anyMatch(stage -> !(stage instanceof Map<?, ?> map)
            || map.containsKey("$lookup") || map.containsKey("$graphLookup") || map.containsKey("$unionWith")
            || map.containsKey("$out") || map.containsKey("$merge"));
    }

    private static Document copy(Document reply) {
        return reply == null ? null : reply.cloneDeeply();
    }
}
