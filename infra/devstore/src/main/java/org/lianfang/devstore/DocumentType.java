package org.lianfang.devstore;

import java.nio.ByteBuffer;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The value type of the H2 backend's collection maps: a document is written as BSON.
 *
 * <p>H2's default {@link ObjectDataType} Java-serializes every document each time its page is
 * written, and a write is acknowledged only after its page is on file ({@link GroupCommit}): in
 * the crossings benchmark Java serialization was about a third of the store's CPU and most of each
 * commit's time. BSON is what the documents arrived as, so it keeps every value the server can
 * hold. A document BSON cannot encode (none is known) is still written, Java-serialized, behind a
 * different first byte. Maps of files written before are rebuilt once ({@link PatchedH2Database}).
 */
final class DocumentType extends BasicDataType<Document> {

    private static final byte BSON = 0;
    private static final byte SERIALIZED = 1;

    private final ObjectDataType fallback = new ObjectDataType();
    /** What a document costs in memory, for the page cache: a running average of the encoded sizes. */
    private volatile int averageSize = 512;

    @Override
    public int getMemory(Document document) {
        return averageSize;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf encoded = Unpooled.buffer(averageSize + 64);
        try {
            BsonEncoder.encodeDocument(document, encoded);
        } catch (RuntimeException notBson) {
            buffer.put(SERIALIZED);
            fallback.write(buffer, document);
            return;
        }
        int length = encoded.readableBytes();
        buffer.put(BSON);
        buffer.put(encoded.nioBuffer());
        averageSize = (averageSize * 15 + length) / 16;
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if (buffer.get() == SERIALIZED) {
            return (Document) fallback.read(buffer);
        }
        int start = buffer.position();
        int length = Integer.reverseBytes(buffer.getInt(start)); // BSON's length is little-endian
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(buffer.slice(start, length)));
        buffer.position(start + length);
        return document;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
