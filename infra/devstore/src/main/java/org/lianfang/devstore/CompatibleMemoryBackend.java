package org.lianfang.devstore;

import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The memory backend for fast tests, answering the same commands as the durable H2 backend and,
 * like it, under {@link CommandIsolation}, so that {@code findAndModify} and updates are atomic
 * as on a real server, and with {@code $in} matched by a hash look-up ({@link InLookup}).
 */
final class CompatibleMemoryBackend extends MemoryBackend {

    private final CommandIsolation isolation = new CommandIsolation();

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (HelloCommand.matches(command)) {
            return HelloCommand.fromLegacyReply(
                super.handleCommand(channel, databaseName, HelloCommand.LEGACY_NAME, query));
        }
        if (!WriteCommands.mayChangeData(command, query)) {
            return isolation.read(databaseName, command, query, () -> super.handleCommand(channel, databaseName, command, query));
        }
        return isolation.write(databaseName, command, query, () -> super.handleCommand(channel, databaseName, command, query));
    }

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
            @Override
            protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName,
                                                             List<IndexKey> keys, boolean sparse) {
                return new MemoryUniqueIndex(indexName, keys, sparse) {
                    private final String plainField = PlainKey.field(keys);

                    @Override
                    public Set<KeyValue> getKeyValues(Document document) {
                        return PlainKey.keyValues(plainField, document, () -> super.getKeyValues(document));
                    }

                    @Override
                    public synchronized void checkAdd(Document document, MongoCollection<Integer> collection) {
                        PlainKey.checkAdd(this, plainField, document, collection, this::containsKey,
                            () -> super.checkAdd(document, collection));
                    }

                    @Override
                    public synchronized void add(Document document, Integer position,
                                                 MongoCollection<Integer> collection) {
                        if (isSparse()) {
                            super.add(document, position, collection);
                        } else {
                            SingleCheckAdd.add(this, document, position, collection, this::putKeyPosition);
                        }
                    }
                };
            }

            @Override
            protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                return new MemoryCollection(this, collectionName, options, cursorRegistry) {
                    @Override
                    protected boolean documentMatchesQuery(Document document, Document query) {
                        Boolean plain = InLookup.matches(document, query);
                        return plain != null ? plain : super.documentMatchesQuery(document, query);
                    }

                    @Override
                    protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit,
                                                         int batchSize, Document fieldSelector) {
                        Iterable<Integer> byId = IdLookup.positions(getIndexes(), query);
                        return byId != null ? matchDocuments(query, byId, orderBy, skip, limit, batchSize, fieldSelector)
                            : super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
                    }

                    @Override
                    protected QueryResult matchDocuments(Document query, Iterable<Integer> positions, Document orderBy,
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
        };
    }
}
