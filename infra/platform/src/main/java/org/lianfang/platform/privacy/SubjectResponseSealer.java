package org.lianfang.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import org.lianfang.platform.idempotency.ResponseSealer;
import org.lianfang.platform.idempotency.StoredResponse;

/**
 * Seals the responses kept for idempotent replays with the key of the person they are about, so an
 * erasure shreds them with the events: the subject the controller named
 * ({@link org.lianfang.platform.idempotency.ResponseSubject}, the same as the event's
 * {@code @DataSubject}), else the person the {@code Location} names ({@code /persons/<id>}), else the
 * body's top-level {@code personId}, else its first {@code personIds} entry (as {@code DeliveryOrdered}
 * is keyed). A response about nobody is sealed with the service's
 * own key (subject {@code service:<name>}): never stored in clear, but not shredded by an erasure.
 */
final class SubjectResponseSealer implements ResponseSealer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PERSON_LOCATION = Pattern.compile("/persons/([^/?#]+)");

    private final SubjectKeys keys;
    private final String serviceSubject;

    SubjectResponseSealer(SubjectKeys keys, String serviceName) {
        this.keys = keys;
        this.serviceSubject = "service:" + serviceName;
    }

    @Override
    public Sealed seal(StoredResponse response) {
        String subject = subjectOf(response);
        Optional<SecretKey> key = keys.keyForWriting(subject);
        if (key.isEmpty()) {
            // the person was erased already: keep nothing that a replay could show
            return new Sealed(subject, new byte[0]);
        }
        return new Sealed(subject, Aead.seal(key.get(), response.body(), subject));
    }

    @Override
    public Optional<byte[]> open(String subject, byte[] sealed) {
        if (sealed.length == 0) {
            return Optional.empty();
        }
        return keys.keyForReading(subject).map(key -> Aead.open(key, sealed, subject));
    }

    String subjectOf(StoredResponse response) {
        if (response.subject() != null && !response.subject().isBlank()) {
            return response.subject();
        }
        if (response.location() != null) {
            Matcher person = PERSON_LOCATION.matcher(response.location());
            if (person.find()) {
                return person.group(1);
            }
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.path("personId").isTextual() && !body.path("personId").asText().isBlank()) {
                return body.path("personId").asText();
            }
            if (body != null && body.path("personIds").isArray() && !body.path("personIds").isEmpty()
                    && body.path("personIds").get(0).isTextual()) {
                return body.path("personIds").get(0).asText();
            }
        } catch (java.io.IOException | RuntimeException notJson) {
            // not JSON: about nobody we can name
        }
        return serviceSubject;
    }
}
