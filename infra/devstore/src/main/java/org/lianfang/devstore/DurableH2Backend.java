package org.lianfang.devstore;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * The H2 file backend with "durable before acknowledged": every command that may change data
 * is committed to the file before its reply is sent.
 *
 * <p>Every wire request (OP_MSG, and commands over OP_QUERY) reaches the backend through
 * {@link #handleCommand}, and the server writes the reply only after it returns, so committing
 * here closes the window in which MVStore's once-a-second background commit loses acknowledged
 * writes to a hard kill. Reads pass straight through.
 *
 * <p>A commit per write also writes a chunk per write. With MVStore's default 45 s retention of
 * dead chunks the file grew by about 30 KB per write (790 MB after 25,000 small inserts), so dead
 * chunks are reused at once. That retention time is what also protects a reader that is still
 * walking pages of an older version; every command therefore registers the store version it
 * started on, which keeps the chunks of that version from being reused until it ends. The
 * previous versions a restart may fall back to stay protected by MVStore's versions-to-keep.
 *
 * <p>Commands run under {@link CommandIsolation} (a write alone in its collection, replies copied), so that
 * {@code findAndModify} is atomic as on a real server. The group commit still batches the file
 * commits of writes that finish close together: it waits outside the lock.
 */
final class DurableH2Backend extends H2Backend {

    private final MVStore store;
    private final GroupCommit groupCommit;
    private final CommandIsolation isolation = new CommandIsolation();

    DurableH2Backend(MVStore store, boolean fsync) {
        super(store);
        this.store = store;
        this.groupCommit = new GroupCommit(store, fsync);
        store.setRetentionTime(0);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return PatchedH2Database.open(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        MVStore.TxCounter version = store.registerVersionUsage();
        try {
            return handle(channel, databaseName, command, query);
        } finally {
            store.deregisterVersionUsage(version);
        }
    }

    private Document handle(Channel channel, String databaseName, String command, Document query) {
        if (HelloCommand.matches(command)) {
            return HelloCommand.fromLegacyReply(
                super.handleCommand(channel, databaseName, HelloCommand.LEGACY_NAME, query));
        }
        if (!WriteCommands.mayChangeData(command, query)) {
            return isolation.read(databaseName, command, query, () -> super.handleCommand(channel, databaseName, command, query));
        }
        try {
            return isolation.write(databaseName, command, query, () -> super.handleCommand(channel, databaseName, command, query));
        } finally {
            groupCommit.awaitDurable();
        }
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        MVStore.TxCounter version = store.registerVersionUsage();
        try {
            return super.handleQuery(query);
        } finally {
            store.deregisterVersionUsage(version);
        }
    }

    @Override
    public void dropDatabase(String databaseName) {
        try {
            super.dropDatabase(databaseName);
        } finally {
            groupCommit.awaitDurable();
        }
    }

    long commits() {
        return groupCommit.commits();
    }

    /** For tests: no write is acknowledged until the returned hold is closed (by the same thread). */
    AutoCloseable holdCommits() {
        return groupCommit.hold();
    }
}
