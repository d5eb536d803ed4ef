package org.lianfang.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The flat contact list as CSV (RFC 4180), one row per piece of evidence, so a spreadsheet can sort
 * and filter by degree, relation, checkpoint or gap without reading JSON.
 */
final class TracingCsv {

    static final List<String> COLUMNS = List.of("degree", "kind", "id", "name", "with", "relation", "checkpointId",
            "householdId", "deliveryId", "shiftId", "crossingId", "contactCrossingId", "at", "contactAt", "gapSeconds");

    private TracingCsv() {
    }

    static String of(JsonNode contacts) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (JsonNode contact : contacts) {
            for (JsonNode e : contact.path("evidence")) {
                csv.append(String.join(",", List.of(
                        contact.path("degree").asText(), field(contact, "kind"), field(contact, "id"),
                        field(contact, "name"), field(e, "with"), field(e, "relation"), field(e, "checkpointId"),
                        field(e, "householdId"), field(e, "deliveryId"), field(e, "shiftId"), field(e, "crossingId"),
                        field(e, "contactCrossingId"), field(e, "at"), field(e, "contactAt"), field(e, "gapSeconds"))))
                        .append("\r\n");
            }
        }
        return csv.toString();
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isMissingNode() || value.isNull() ? "" : quote(value.asText());
    }

    /** Quotes a field holding a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
    static String quote(String value) {
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+") ? "'" + value : value;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
