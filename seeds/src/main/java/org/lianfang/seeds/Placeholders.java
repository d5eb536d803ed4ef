package org.lianfang.seeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the placeholders of a seed line, so a request can use ids the suite chose (a compound's
 * id, a quarantine case found by a wait) and times that must be recent (disinfection rounds may
 * not be older than 7 days):
 * <ul>
 *   <li>{@code ${<key>:<json pointer>}} — a value from the answer to the line with that key,
 *       e.g. {@code ${anguo-v1-compound-01:/id}};</li>
 *   <li>{@code ${today}} — the loader's day in the community's zone ({@code 2026-11-29});</li>
 *   <li>{@code ${today-2d@08:00}} — that day minus/plus n days at a local time, as a UTC instant.</li>
 * </ul>
 * A reference's key is the line's key as written, so it may hold {@code ${today}} itself (a line
 * that is new every day, like a temporary pass, and the lines using its answer).
 * A string that is exactly one reference takes the referenced JSON value as it is (a number stays
 * a number); otherwise references are written into the string as text.
 */
final class Placeholders {

    /** One placeholder; a reference's key may itself hold a time placeholder ({@code ${pass-01-${today}:/id}}). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{((?:\\$\\{[^{}]*}|[^{}])*)}");
    private static final Pattern TIME = Pattern.compile("today(?:([+-]\\d+)d)?(?:@(\\d{2}:\\d{2}))?");
    private static final Pattern REFERENCE = Pattern.compile("([^:]+):(/.*)");

    /** A placeholder that cannot be filled: an unknown, failed or not-yet-answered line, or a missing value. */
    static final class Unresolved extends Exception {
        Unresolved(String message) {
            super(message);
        }
    }

    private final Function<String, JsonNode> answers;
    private final LocalDate today;
    private final ZoneId zone;

    /**
     * @param answers the answer body by line key (null when that line has no usable answer)
     * @param today   the loader's day in {@code zone}
     */
    Placeholders(Function<String, JsonNode> answers, LocalDate today, ZoneId zone) {
        this.answers = answers;
        this.today = today;
        this.zone = zone;
    }

    static Placeholders of(Map<String, JsonNode> answers, LocalDate today, ZoneId zone) {
        return new Placeholders(answers::get, today, zone);
    }

    /** Whether the text is exactly one time placeholder ({@code ${today...}}). */
    static boolean isTime(String text) {
        Matcher whole = PLACEHOLDER.matcher(text);
        return whole.matches() && TIME.matcher(whole.group(1)).matches();
    }

    /** The instant a time placeholder names ({@code ${today}} alone is that day's midnight). */
    Instant instant(String text) throws Unresolved {
        if (!isTime(text)) {
            throw new Unresolved(text + " is not a time placeholder");
        }
        String value = value(text.substring(2, text.length() - 1)).asText();
        return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(zone).toInstant() : Instant.parse(value);
    }

    /** The text with every placeholder replaced. */
    String text(String text) throws Unresolved {
        if (text == null || !text.contains("${")) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = value(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value.isValueNode() ? value.asText() : value.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A copy of the JSON with every placeholder in its strings replaced. */
    JsonNode json(JsonNode node) throws Unresolved {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String s = node.textValue();
            Matcher whole = PLACEHOLDER.matcher(s);
            if (whole.matches()) {
                return value(whole.group(1));
            }
            return s.contains("${") ? TextNode.valueOf(text(s)) : node;
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), json(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            for (JsonNode element : node) {
                copy.add(json(element));
            }
            return copy;
        }
        return node;
    }

    /** The keys of the lines a request refers to, in order of appearance (path first), without repeats. */
    static List<String> references(SeedRequest request) {
        Set<String> keys = new LinkedHashSet<>();
        collect(request.key(), keys);
        collect(request.path(), keys);
        collect(request.body() == null ? null : request.body().toString(), keys);
        return List.copyOf(keys);
    }

    private static void collect(String text, Set<String> keys) {
        if (text == null) {
            return;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            Matcher reference = REFERENCE.matcher(m.group(1));
            if (!TIME.matcher(m.group(1)).matches() && reference.matches()) {
                keys.add(reference.group(1));
            }
        }
    }

    private JsonNode value(String expression) throws Unresolved {
        Matcher time = TIME.matcher(expression);
        if (time.matches()) {
            LocalDate day = time.group(1) == null ? today : today.plusDays(Long.parseLong(time.group(1)));
            if (time.group(2) == null) {
                return TextNode.valueOf(day.toString());
            }
            return TextNode.valueOf(day.atTime(LocalTime.parse(time.group(2))).atZone(zone).toInstant().toString());
        }
        Matcher reference = REFERENCE.matcher(expression);
        if (!reference.matches()) {
            throw new Unresolved("placeholder ${" + expression + "} is neither ${<key>:/pointer} nor ${today...}");
        }
        JsonNode answer = answers.apply(reference.group(1));
        if (answer == null) {
            throw new Unresolved("needs " + reference.group(1) + ", which has no answer (unknown, later, or failed)");
        }
        JsonNode value = answer.at(reference.group(2));
        if (value.isMissingNode() || value.isNull()) {
            throw new Unresolved("the answer to " + reference.group(1) + " has nothing at " + reference.group(2));
        }
        return value;
    }
}
