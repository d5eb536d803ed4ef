package org.lianfang.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What of an event's payload the county may see in the event stream (PIPL: purpose limitation,
 * minimisation). The county counts and follows cases; it needs no names, phones, ID numbers,
 * addresses or notes. So its payloads keep only ids (opaque: {@code id}, {@code *Id}, {@code *Ids}),
 * colours ({@code *colour*}) and dates and times ({@code *At}, {@code *Date}, {@code *Day},
 * {@code *Time}), plus the field names listed in {@code lianfang.gateway.streams.county-fields}
 * (e.g. {@code origin}, {@code stage}) — an allow-list, so a personal field added to an event later
 * is hidden without anyone remembering to hide it. Objects are filtered field by field; other
 * values are dropped. Auditors and admins see payloads whole.
 *
 * @param countyFields further payload field names (exact, any depth) the county may see; default none
 */
@ConfigurationProperties("lianfang.gateway.streams")
public record CountyStreamPolicy(@DefaultValue List<String> countyFields) {

    public CountyStreamPolicy {
        countyFields = countyFields == null ? List.of() : List.copyOf(countyFields);
    }

    /** The policy's allowed names as a set. */
    private Set<String> extra() {
        return Set.copyOf(countyFields);
    }

    /** A copy of {@code payload} with only what the county may see. */
    public JsonNode forCounty(JsonNode payload) {
        return filter(payload, extra());
    }

    /** True for a field the county may always see: an id, a colour, a date or time. */
    static boolean alwaysAllowed(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return name.equals("id") || name.endsWith("Id") || name.endsWith("Ids")
                || lower.contains("colour") || lower.contains("color")
                || name.endsWith("At") || name.endsWith("Date") || name.endsWith("Day") || name.endsWith("Time")
                || lower.equals("date") || lower.equals("day") || lower.equals("time");
    }

    private static JsonNode filter(JsonNode node, Set<String> extra) {
        if (node instanceof ObjectNode object) {
            ObjectNode kept = JsonNodeFactory.instance.objectNode();
            object.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                if (alwaysAllowed(field.getKey()) || extra.contains(field.getKey())) {
                    kept.set(field.getKey(), value.deepCopy());
                } else if (value.isObject() || value.isArray() && hasObjects(value)) {
                    kept.set(field.getKey(), filter(value, extra));
                }
            });
            return kept;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> {
                if (element.isContainerNode()) {
                    kept.add(filter(element, extra));
                }
            });
            return kept;
        }
        return JsonNodeFactory.instance.objectNode();
    }

    private static boolean hasObjects(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isContainerNode()) {
                return true;
            }
        }
        return false;
    }
}
