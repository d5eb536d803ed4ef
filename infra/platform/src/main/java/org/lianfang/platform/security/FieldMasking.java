package org.lianfang.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Which personal fields a caller sees whole (gateway/README.md "Field masking"). Phones are for the
 * people who call residents: operators and medics; an auditor sees them only when auditing (the
 * request names a {@code reason}, and the gateway records the read); county and admin never. Resident
 * ID numbers are masked for everyone: the read side keeps only the masked form, and no role's work
 * needs the whole number.
 */
public final class FieldMasking {

    /** The query parameter by which an auditor says why they read, which makes the read an audit. */
    public static final String REASON_PARAMETER = "reason";

    private FieldMasking() {
    }

    /** Whether {@code caller} (null = none) sees phone numbers whole; {@code reason} is the request's. */
    public static boolean showsPhones(Caller caller, String reason) {
        if (caller == null || caller.role() == null) {
            return false;
        }
        return switch (caller.role()) {
            case OPERATOR, MEDIC -> true;
            case AUDITOR -> reason != null && !reason.isBlank();
            case COUNTY, ADMIN -> false;
        };
    }

    /** Whether a field of this name holds a phone number. */
    public static boolean isPhone(String field) {
        String name = field.toLowerCase(Locale.ROOT);
        return name.equals("phone") || name.endsWith("phone") || name.equals("mobile") || name.equals("phonenumber")
                || name.endsWith("phonenumber");
    }

    /** Whether a field of this name holds an ID number. */
    public static boolean isIdNumber(String field) {
        String name = field.toLowerCase(Locale.ROOT);
        return name.endsWith("idnumber");
    }

    /** Masks, in place and at any depth, the ID numbers always and the phones unless {@code phonesWhole}. */
    public static void maskInPlace(JsonNode node, boolean phonesWhole) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (value.isTextual() && isIdNumber(field.getKey())) {
                    field.setValue(object.textNode(maskMiddle(value.asText(), 4, 4)));
                } else if (value.isTextual() && !phonesWhole && isPhone(field.getKey())) {
                    field.setValue(object.textNode(maskMiddle(value.asText(), 3, 4)));
                } else if (value.isContainerNode()) {
                    maskInPlace(value, phonesWhole);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> maskInPlace(element, phonesWhole));
        }
    }

    /**
     * Whether {@link #maskInPlace} would change anything in {@code node}: a field it masks whose
     * value is not masked already. A read-only walk, so that an answer masked where it was built
     * (a trail's entries) is not copied only to be masked again.
     */
    public static boolean needsMasking(JsonNode node, boolean phonesWhole) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (value.isTextual()) {
                    String text = value.asText();
                    if ((isIdNumber(field.getKey()) && !maskMiddle(text, 4, 4).equals(text))
                            || (!phonesWhole && isPhone(field.getKey()) && !maskMiddle(text, 3, 4).equals(text))) {
                        return true;
                    }
                } else if (value.isContainerNode() && needsMasking(value, phonesWhole)) {
                    return true;
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                if (needsMasking(element, phonesWhole)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code 13800001234} → {@code 138****1234}; short values entirely starred. */
    public static String maskMiddle(String value, int keepStart, int keepEnd) {
        if (value.length() <= keepStart + keepEnd) {
            return "*".repeat(value.length());
        }
        return value.substring(0, keepStart) + "*".repeat(value.length() - keepStart - keepEnd)
                + value.substring(value.length() - keepEnd);
    }
}
