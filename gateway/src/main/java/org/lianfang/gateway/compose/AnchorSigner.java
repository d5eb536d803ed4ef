package org.lianfang.gateway.compose;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 signatures over anchor records (JDK only). A public-key signature rather than an HMAC so
 * that anyone holding the published key — the county, an auditor, {@code openssl} — can check an
 * anchor offline without being able to forge one.
 */
public final class AnchorSigner {

    public static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final boolean ephemeral;

    private AnchorSigner(PrivateKey privateKey, PublicKey publicKey, String keyId, boolean ephemeral) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId;
        this.ephemeral = ephemeral;
    }

    /**
     * From a base64 PKCS#8 private key and its base64 X.509 public key; a fresh key pair (good for
     * this process only) when none is configured.
     */
    public static AnchorSigner of(String privateKeyBase64, String publicKeyBase64, String keyId) {
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            if (privateKeyBase64 == null || privateKeyBase64.isBlank()) {
                KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
                return new AnchorSigner(pair.getPrivate(), pair.getPublic(), keyId, true);
            }
            PrivateKey priv = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKeyBase64.strip())));
            PublicKey pub = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64.strip())));
            return new AnchorSigner(priv, pub, keyId, false);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("lianfang.gateway.anchors.private-key/public-key are not an Ed25519 key pair", e);
        }
    }

    public String sign(String text) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks {@code signatureBase64} over {@code text} with a published public key (offline). */
    public static boolean verify(String publicKeyBase64, String text, String signatureBase64) {
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    public String keyId() {
        return keyId;
    }

    public boolean ephemeral() {
        return ephemeral;
    }
}
