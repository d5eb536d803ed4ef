package org.lianfang.eventstore.bench;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the embedded store's write commands one at a time and hands back a copy of their reply.
 *
 * <p>mongo-java-server's {@code findAndModify} returns the live stored document, which the
 * server encodes only after the collection lock is released, so two concurrent {@code $inc}s
 * can answer the same value. Serializing writes and copying the reply inside the lock makes the
 * global-index counter safe to share between threads until the dev store does this itself.
 */
final class SerializedWritesBackend implements MongoBackend {

    private static final Set<String> READ_ONLY = Set.of(
            "find", "getmore", "count", "distinct", "killcursors", "listcollections", "listindexes",
            "listdatabases", "ping", "hello", "ismaster", "buildinfo", "whatsmyuri", "serverstatus",
            "hostinfo", "dbstats", "collstats", "connectionstatus", "getcmdlineopts", "getlog",
            "getlasterror", "endsessions", "getparameter");

    private final MongoBackend delegate;
    private final ReentrantLock writes = new ReentrantLock();

    SerializedWritesBackend(MongoBackend delegate) {
        this.delegate = delegate;
    }

    static boolean isWrite(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            Object pipeline = query.get("pipeline");
            return !(pipeline instanceof List<?> stages) || stages.stream().anyMatch(stage ->
                    !(stage instanceof Document d) || d.containsKey("$out") || d.containsKey("$merge"));
        }
        return !READ_ONLY.contains(name);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document query = message.getDocument();
        String command = query.keySet().iterator().next();
        if (!isWrite(command, query)) {
            return delegate.handleMessage(message);
        }
        writes.lock();
        try {
            return delegate.handleMessage(message).cloneDeeply();
        } finally {
            writes.unlock();
        }
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (!isWrite(command, query)) {
            return delegate.handleCommand(channel, database, command, query);
        }
        writes.lock();
        try {
            return delegate.handleCommand(channel, database, command, query).cloneDeeply();
        } finally {
            writes.unlock();
        }
    }

    @Override
    public void handleClose(Channel channel) {
        delegate.handleClose(channel);
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return delegate.handleQuery(query);
    }

    @Override
    public void dropDatabase(String database) {
        delegate.dropDatabase(database);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return delegate.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return delegate.getServerStatus();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        delegate.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return delegate.getClock();
    }

    @Override
    public void enableOplog() {
        delegate.enableOplog();
    }

    @Override
    public void disableOplog() {
        delegate.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return delegate.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        delegate.version(version);
        return this;
    }
}
