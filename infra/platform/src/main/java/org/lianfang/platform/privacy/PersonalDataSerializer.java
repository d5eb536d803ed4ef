package org.lianfang.platform.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.eventstore.EventStoreSerializers;

/**
 * Wraps the platform's Jackson serializer so that {@link PersonalData} components never reach a
 * store in plain text: on the way in each is replaced by an envelope
 * {@code {"$enc":"v1","s":"<subject>","d":"<base64 nonce‖AES-GCM ciphertext of its JSON>"}}; on
 * the way out every envelope is opened with the subject's key, or — once the subject was erased —
 * read as {@link PersonalData#ERASED} (text components) or null. Services see plain values and
 * need no code of their own; types without personal data pass straight through.
 *
 * <p>Envelopes are recognised by shape, not by the type's current annotations, so an event stays
 * readable after a component loses its annotation or is renamed by an upcaster.
 */
public class PersonalDataSerializer implements Serializer {

    static final String MARKER = "$enc";
    private static final String VERSION = "v1";
    private static final String MARKER_IN_TEXT = "\"$enc\"";

    private final Serializer delegate;
    private final SubjectKeys keys;
    private final ObjectMapper mapper;

    public PersonalDataSerializer(Serializer delegate, SubjectKeys keys) {
        this.delegate = delegate;
        this.keys = keys;
        this.mapper = delegate instanceof JacksonSerializer jackson
                ? jackson.getObjectMapper() : EventStoreSerializers.objectMapper();
    }

    /** The serializer this one wraps. */
    public Serializer delegate() {
        return delegate;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        PersonalFields personal = object == null ? PersonalFields.of(null) : PersonalFields.of(object.getClass());
        if (personal.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        ObjectNode tree = mapper.valueToTree(object);
        for (PersonalFields.Field field : personal.fields()) {
            JsonNode value = tree.get(field.name());
            if (value == null || value.isNull()) {
                continue;
            }
            String subject = subject(object, tree, field);
            tree.set(field.name(), seal(value, subject));
        }
        SerializedType type = delegate.typeForClass(object.getClass());
        return new SimpleSerializedObject<>(represent(tree, expectedRepresentation), expectedRepresentation, type);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        if (!mayHoldEnvelopes(serialized)) {
            return delegate.deserialize(serialized);
        }
        JsonNode tree = getConverter().convert(serialized.getData(), serialized.getContentType(), JsonNode.class);
        if (!(tree instanceof ObjectNode object)) {
            return delegate.deserialize(serialized);
        }
        ObjectNode opened = openEnvelopes(serialized.getData() instanceof JsonNode ? object.deepCopy() : object,
                serialized.getType());
        return delegate.deserialize(new SimpleSerializedObject<>(opened, JsonNode.class, serialized.getType()));
    }

    /**
     * Opens every envelope among {@code tree}'s fields in place, as {@link #deserialize} opens them
     * (an erased subject's text as {@link PersonalData#ERASED}, other values as null), for a payload
     * of {@code type} — without building the payload object: for readers that only show the stored
     * payload, e.g. a trail's entries. Answers {@code tree}.
     */
    public ObjectNode openEnvelopes(ObjectNode tree, SerializedType type) {
        Class<?> target = knownClass(type);
        Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (isEnvelope(field.getValue())) {
                field.setValue(open(field.getValue(), PersonalFields.componentType(target, field.getKey())));
            }
        }
        return tree;
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }

    private ObjectNode seal(JsonNode value, String subject) {
        ObjectNode envelope = mapper.createObjectNode().put(MARKER, VERSION).put("s", subject);
        Optional<SecretKey> key = keys.keyForWriting(subject);
        if (key.isPresent()) {
            byte[] plain = value.toString().getBytes(StandardCharsets.UTF_8);
            envelope.put("d", Base64.getEncoder().encodeToString(Aead.seal(key.get(), plain, subject)));
        }
        return envelope;
    }

    private JsonNode open(JsonNode envelope, Class<?> declaredType) {
        String subject = envelope.path("s").asText();
        JsonNode data = envelope.get("d");
        Optional<SecretKey> key = data == null ? Optional.empty() : keys.keyForReading(subject);
        if (key.isEmpty()) {
            return declaredType == String.class ? mapper.getNodeFactory().textNode(PersonalData.ERASED)
                    : mapper.getNodeFactory().nullNode();
        }
        byte[] plain = Aead.open(key.get(), Base64.getDecoder().decode(data.asText()), subject);
        try {
            return mapper.readTree(plain);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a decrypted personal value is not JSON", e);
        }
    }

    private String subject(Object object, ObjectNode tree, PersonalFields.Field field) {
        if (field.subjectComponent().isEmpty()) {
            List<String> persons = ((PersonScoped) object).personIds();
            if (persons.size() != 1) {
                throw new IllegalStateException(object.getClass().getName() + "." + field.name()
                        + " is @PersonalData of an event naming " + persons.size()
                        + " persons: mark the component holding its subject @DataSubject");
            }
            return persons.get(0);
        }
        JsonNode subject = tree.get(field.subjectComponent());
        if (subject != null && subject.isObject() && subject.size() == 1) {
            subject = subject.elements().next();
        }
        if (subject == null || !subject.isValueNode() || subject.isNull() || subject.asText().isBlank()) {
            throw new IllegalStateException(object.getClass().getName() + "." + field.name()
                    + " is @PersonalData but its subject '" + field.subjectComponent() + "' is empty");
        }
        return subject.asText();
    }

    @SuppressWarnings("unchecked")
    private <T> T represent(ObjectNode tree, Class<T> expected) {
        if (expected == String.class) {
            try {
                return (T) mapper.writeValueAsString(tree);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write an event payload", e);
            }
        }
        return getConverter().convert(tree, JsonNode.class, expected);
    }

    private static boolean mayHoldEnvelopes(SerializedObject<?> serialized) {
        Object data = serialized.getData();
        if (data instanceof String text) {
            return text.contains(MARKER_IN_TEXT);
        }
        if (data instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8).contains(MARKER_IN_TEXT);
        }
        return data instanceof JsonNode node ? node.isObject() && node.toString().contains(MARKER_IN_TEXT) : true;
    }

    private static boolean isEnvelope(JsonNode node) {
        return node.isObject() && VERSION.equals(node.path(MARKER).asText(null));
    }

    Class<?> knownClass(SerializedType type) {
        if (type == null || UnknownSerializedType.class.equals(type.getClass())) {
            return null;
        }
        try {
            Class<?> c = delegate.classForType(type);
            return UnknownSerializedType.class.equals(c) ? null : c;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
