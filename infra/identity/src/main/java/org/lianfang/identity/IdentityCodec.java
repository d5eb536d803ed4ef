package org.lianfang.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies {@link SignedIdentity} headers with HMAC-SHA256 and a key shared by the
 * gateway and the services ({@code LIANFANG_IDENTITY_KEY}). The header is
 * {@code base64url(json) "." base64url(mac)}; a service accepts it only if the MAC matches
 * (constant-time), it has not expired and it was issued for this request's method and path.
 */
public final class IdentityCodec {

    /** The request header that carries the signed identity from the gateway to a service. */
    public static final String HEADER = "X-Lianfang-Identity";
    private static final String ALGORITHM = "HmacSHA256";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final SecretKeySpec key;
    private final Clock clock;

    public IdentityCodec(String secret, Clock clock) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the identity key must have at least 32 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = clock;
    }

    /** The header value for {@code identity}. */
    public String sign(SignedIdentity identity) {
        ObjectNode node = JSON.createObjectNode();
        node.put("sub", identity.subject());
        node.put("role", identity.role());
        if (identity.communityId() != null) {
            node.put("community", identity.communityId());
        }
        ArrayNode compounds = node.putArray("compounds");
        identity.compounds().forEach(compounds::add);
        node.put("m", identity.method());
        node.put("p", identity.path());
        node.put("exp", identity.expiresAt().toEpochMilli());
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(payload) + "." + b64.encodeToString(mac(payload));
    }

    /**
     * The identity in {@code header} if it is authentic, unexpired and issued for
     * {@code method} {@code path}; empty otherwise (the caller answers 401 without saying which
     * check failed).
     */
    public Optional<SignedIdentity> verify(String header, String method, String path) {
        if (header == null || header.length() > 8192) {
            return Optional.empty();
        }
        int dot = header.indexOf('.');
        if (dot <= 0 || dot != header.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            byte[] payload = b64.decode(header.substring(0, dot));
            byte[] mac = b64.decode(header.substring(dot + 1));
            if (!MessageDigest.isEqual(mac, mac(payload))) {
                return Optional.empty();
            }
            JsonNode node = JSON.readTree(payload);
            Instant expiresAt = Instant.ofEpochMilli(node.path("exp").asLong(0));
            if (!clock.instant().isBefore(expiresAt)) {
                return Optional.empty();
            }
            if (!method.equals(node.path("m").asText()) || !path.equals(node.path("p").asText())) {
                return Optional.empty();
            }
            List<String> compounds = new ArrayList<>();
            node.path("compounds").forEach(c -> compounds.add(c.asText()));
            JsonNode community = node.get("community");
            return Optional.of(new SignedIdentity(node.path("sub").asText(), node.path("role").asText(),
                    community == null || community.isNull() ? null : community.asText(), compounds,
                    method, path, expiresAt));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
