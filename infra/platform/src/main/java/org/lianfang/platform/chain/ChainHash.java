package org.lianfang.platform.chain;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The link function of the chain: SHA-256 over a versioned, length-prefixed encoding of the
 * previous hash, the global index and every stored field of the event (or the mark of a hole).
 * Length prefixes keep two different field splits from ever encoding to the same bytes.
 */
public final class ChainHash {

    /** The hash "before" global index 1. */
    public static final String GENESIS = "0".repeat(64);
    private static final String VERSION = "lianfang-chain-v1";

    private ChainHash() {
    }

    public static String of(StoredEvent event, String previous) {
        return digest(out -> {
            out.writeUTF(VERSION);
            text(out, previous);
            out.writeLong(event.globalIndex());
            text(out, "event");
            text(out, event.eventId());
            text(out, event.aggregateType());
            text(out, event.aggregateId());
            text(out, event.sequence() == null ? null : event.sequence().toString());
            text(out, event.timestamp() == null ? null : event.timestamp().toString());
            text(out, event.payloadType());
            text(out, event.payloadRevision());
            text(out, event.payload());
            text(out, event.metaData());
        });
    }

    /** The link for a global index no event will ever fill. */
    public static String hole(long globalIndex, String previous) {
        return digest(out -> {
            out.writeUTF(VERSION);
            text(out, previous);
            out.writeLong(globalIndex);
            text(out, "hole");
        });
    }

    private interface Encoding {
        void write(DataOutputStream out) throws IOException;
    }

    private static String digest(Encoding encoding) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                encoding.write(out);
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
