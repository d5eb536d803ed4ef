package org.lianfang.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.platform.privacy.PersonalDataSerializer;

/**
 * Turns stored events into the entries other parties read — a person's trail, the county's
 * stream: what happened (type, human summary, payload with personal identifiers masked), when it
 * happened ({@code occurredAt}: the payload's own {@code occurredAt} if it has one, e.g. a tablet's
 * clock, else when it was stored) and when it was known ({@code recordedAt}), who did it and under
 * which correlation id.
 */
public class EventEntries {

    private static final Set<String> ID_NUMBER_FIELDS = Set.of("residentidnumber", "idnumber");
    private static final Set<String> PHONE_FIELDS = Set.of("phone", "phonenumber", "mobile");

    /** Reads stored payload text as it is: numbers exactly as written (no float, no stripped zeros). */
    private static final ObjectReader STORED = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .reader();

    private final ObjectMapper mapper;
    private final String service;
    private final Serializer storedWith;

    public EventEntries(ObjectMapper mapper, String service) {
        this(mapper, service, null);
    }

    /**
     * @param storedWith the serializer of the event store the entries are read from: the payload
     *                   of an entry is then read from the stored JSON text (personal fields
     *                   opened), not deserialized to its class and converted back to a tree; null
     *                   for entries of messages that were not read with it
     */
    public EventEntries(ObjectMapper mapper, String service, Serializer storedWith) {
        this.mapper = mapper;
        this.service = service;
        this.storedWith = storedWith;
    }

    public String service() {
        return service;
    }

    /** The entry for {@code event}, with its global position in this service's store. */
    public ObjectNode entry(TrackedEventMessage<?> event, long globalIndex) {
        ObjectNode entry = mapper.createObjectNode();
        entry.put("service", service);
        entry.put("globalIndex", globalIndex);
        entry.put("eventId", event.getIdentifier());
        String type = event.getPayloadType().getSimpleName();
        entry.put("type", type);
        if (event instanceof DomainEventMessage<?> domain) {
            entry.put("aggregateType", domain.getType());
            entry.put("aggregateId", domain.getAggregateIdentifier());
            entry.put("sequence", domain.getSequenceNumber());
        }
        JsonNode payload = payload(event);
        Instant recordedAt = event.getTimestamp();
        entry.put("occurredAt", occurredAt(payload, recordedAt).toString());
        entry.put("recordedAt", recordedAt.toString());
        JsonNode storedMeta = storedMetaData(event);
        ArrayNode persons;
        if (storedMeta != null) {
            putText(entry, "actor", storedMeta.get(MetadataKeys.ACTOR));
            putText(entry, "correlationId", storedMeta.get(MetadataKeys.CORRELATION_ID));
            putText(entry, "communityId", storedMeta.get(MetadataKeys.COMMUNITY_ID));
            persons = entry.putArray("personIds");
            if (storedMeta.get(MetadataKeys.PERSON_IDS) instanceof ArrayNode ids) {
                ids.forEach(id -> persons.add(id.isValueNode() ? id.asText() : id.toString()));
            }
        } else {
            Map<String, ?> meta = event.getMetaData();
            putText(entry, "actor", meta.get(MetadataKeys.ACTOR));
            putText(entry, "correlationId", meta.get(MetadataKeys.CORRELATION_ID));
            putText(entry, "communityId", meta.get(MetadataKeys.COMMUNITY_ID));
            persons = entry.putArray("personIds");
            if (meta.get(MetadataKeys.PERSON_IDS) instanceof Collection<?> ids) {
                ids.forEach(id -> persons.add(String.valueOf(id)));
            }
        }
        entry.put("summary", summary(type, payload));
        maskInPlace(payload); // a tree of its own, not shared with the message
        entry.set("payload", payload);
        return entry;
    }

    /**
     * The payload as a tree of its own. Read from the store with {@code storedWith}, a message still
     * holds its stored text: the tree is that text with the personal fields opened, which is what
     * the payload object would be converted back to, at a fraction of the cost (a trail builds one
     * entry per event it shows, the county stream one per event it passes).
     */
    private JsonNode payload(TrackedEventMessage<?> event) {
        if (storedWith != null) {
            // the same serializer as the message's lazy payload: its stored form, nothing serialized
            SerializedObject<String> stored = event.serializePayload(storedWith, String.class);
            try {
                JsonNode tree = STORED.readTree(stored.getData());
                if (tree instanceof ObjectNode object && storedWith instanceof PersonalDataSerializer personal
                        && stored.getData().contains("\"$enc\"")) {
                    personal.openEnvelopes(object, stored.getType());
                }
                return tree;
            } catch (JsonProcessingException notJson) {
                // not JSON text (another serializer's form): from the object, below
            }
        }
        Object value = event.getPayload();
        return value instanceof JsonNode node ? node.deepCopy() : mapper.valueToTree(value);
    }

    /** The stored metadata as a tree (no personal data is kept there), or null where only the object path applies. */
    private JsonNode storedMetaData(TrackedEventMessage<?> event) {
        if (storedWith == null) {
            return null;
        }
        try {
            JsonNode tree = STORED.readTree(event.serializeMetaData(storedWith, String.class).getData());
            return tree instanceof ObjectNode ? tree : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    static Instant occurredAt(JsonNode payload, Instant recordedAt) {
        JsonNode value = payload.get("occurredAt");
        if (value != null && value.isTextual()) {
            try {
                return Instant.parse(value.asText());
            } catch (DateTimeParseException ignored) {
                // a payload field of that name that is not an instant: fall back
            }
        }
        return recordedAt;
    }

    /** "TemperatureRecorded" → "Temperature recorded", with the payload's telling fields. */
    static String summary(String type, JsonNode payload) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (i > 0 && Character.isUpperCase(c)) {
                words.append(' ').append(Character.toLowerCase(c));
            } else {
                words.append(c);
            }
        }
        StringBuilder details = new StringBuilder();
        for (String field : new String[]{"from", "to", "celsius", "direction", "reason", "rule", "outcome",
                "origin", "kind", "stage", "decision"}) {
            JsonNode value = payload.get(field);
            if (value != null && value.isValueNode() && !value.isNull()) {
                details.append(details.isEmpty() ? "" : ", ").append(field).append(' ').append(value.asText());
            }
        }
        return details.isEmpty() ? words.toString() : words + " (" + details + ")";
    }

    /** A copy of {@code node} with ID numbers and phone numbers masked, at any depth. */
    public JsonNode mask(JsonNode node) {
        JsonNode copy = node.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    private static void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey().toLowerCase(Locale.ROOT);
                JsonNode value = field.getValue();
                if (value.isTextual() && PersonalData.ERASED.equals(value.asText())) {
                    continue;
                } else if (value.isTextual() && ID_NUMBER_FIELDS.contains(name)) {
                    field.setValue(object.textNode(maskMiddle(value.asText(), 4, 4)));
                } else if (value.isTextual() && PHONE_FIELDS.contains(name)) {
                    field.setValue(object.textNode(maskMiddle(value.asText(), 3, 4)));
                } else {
                    maskInPlace(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(EventEntries::maskInPlace);
        }
    }

    static String maskMiddle(String value, int keepStart, int keepEnd) {
        if (value.length() <= keepStart + keepEnd) {
            return "*".repeat(value.length());
        }
        return value.substring(0, keepStart) + "*".repeat(value.length() - keepStart - keepEnd)
                + value.substring(value.length() - keepEnd);
    }

    private static void putText(ObjectNode entry, String field, Object value) {
        if (value == null || (value instanceof JsonNode node && node.isNull())) {
            entry.putNull(field);
        } else if (value instanceof JsonNode node) {
            entry.put(field, node.isValueNode() ? node.asText() : node.toString());
        } else {
            entry.put(field, String.valueOf(value));
        }
    }
}
