package org.lianfang.devstore;

import java.util.stream.Stream;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A collection's data size (the {@code size} of {@code collStats}, {@code dataSize} of
 * {@code dbStats}), counted when asked instead of on every write.
 *
 * <p>mongo-java-server keeps a running total: every insert BSON-encodes the new document once and
 * every update encodes the old and the new document (only to count their bytes), and the H2
 * backend writes the total to a map of its own — one more page rewritten at each commit. For the
 * suite's bucket documents, updated many times as they grow (tracing minutes and days, the person
 * index), that was paid on every write for a figure nobody reads while writing. Here the
 * collections keep no total ({@code tracksDataSize() == false}) and the size is the sum of the
 * documents' BSON sizes when a statistics command asks: one pass over the collection, the same
 * figure.
 */
final class DataSize {

    private DataSize() {
    }

    /** The sum of the documents' BSON sizes (capped at {@link Integer#MAX_VALUE}, as the server's total is an int). */
    static <P> int of(Stream<DocumentWithPosition<P>> documents) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            long total = 0;
            for (DocumentWithPosition<P> document : (Iterable<DocumentWithPosition<P>>) documents::iterator) {
                buffer.clear();
                BsonEncoder.encodeDocument(document.getDocument(), buffer);
                total += buffer.writerIndex();
            }
            return (int) Math.min(Integer.MAX_VALUE, total);
        } finally {
            buffer.release();
            documents.close();
        }
    }
}
