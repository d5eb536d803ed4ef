package org.lianfang.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key-encryption key from configuration ({@code lianfang.privacy.master-key}, env
 * {@code LIANFANG_MASTER_KEY}): it wraps every person's key, so the keys collection alone reveals
 * nothing. The configured secret is stretched to 256 bits with SHA-256; its fingerprint is stored
 * with each wrapped key so a wrong master key is reported as such, not as corrupt data.
 */
final class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private final SecretKey key;
    private final String fingerprint;

    MasterKey(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("lianfang.privacy.master-key must be set (env LIANFANG_MASTER_KEY)");
        }
        if (secret.length() < 32 || secret.startsWith("dev-only")) {
            log.warn("lianfang.privacy.master-key is a development key; set LIANFANG_MASTER_KEY to a random "
                    + "secret of at least 32 characters in production");
        }
        byte[] material = sha256(("lianfang-master-key/v1\n" + secret).getBytes(StandardCharsets.UTF_8));
        this.key = new SecretKeySpec(material, "AES");
        this.fingerprint = HexFormat.of().formatHex(sha256(material), 0, 8);
    }

    String fingerprint() {
        return fingerprint;
    }

    byte[] wrap(SecretKey subjectKey, String subject) {
        return Aead.seal(key, subjectKey.getEncoded(), subject);
    }

    SecretKey unwrap(byte[] wrapped, String subject) {
        return new SecretKeySpec(Aead.open(key, wrapped, subject), "AES");
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
