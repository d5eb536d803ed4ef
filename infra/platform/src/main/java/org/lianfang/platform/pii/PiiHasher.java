package org.lianfang.platform.pii;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed hashes (HMAC-SHA256) of personal data, for uniqueness checks and look-ups that must not
 * store the data itself. Without the key, a hash cannot be matched against a list of ID numbers,
 * which a plain hash of an 18-digit number could be.
 */
public class PiiHasher {

    private static final Logger log = LoggerFactory.getLogger(PiiHasher.class);
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public PiiHasher(String hashKey) {
        if (hashKey == null || hashKey.isBlank()) {
            throw new IllegalArgumentException("lianfang.pii.hash-key must be set (env LIANFANG_PII_HASH_KEY)");
        }
        if (hashKey.length() < 32 || hashKey.startsWith("dev-only")) {
            log.warn("lianfang.pii.hash-key is a development key; set LIANFANG_PII_HASH_KEY to a random secret "
                    + "of at least 32 characters in production");
        }
        this.key = new SecretKeySpec(hashKey.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The lower-case hex HMAC-SHA256 of {@code value}. */
    public String hash(String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
