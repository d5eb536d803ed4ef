package org.lianfang.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A person's state derived from their trail entries, in the order the facts became known
 * (recorded-at): colour, quarantine status and pass. Given the entries known at an instant, it
 * answers "what did we know then".
 */
final class PersonState {

    private PersonState() {
    }

    /** The state from entries in the order the facts became known (recorded-at, then service and global index). */
    static ObjectNode ofKnownOrder(List<JsonNode> known) {
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.putNull("colour");
        state.put("quarantine", "NONE");
        state.putNull("pass");
        for (JsonNode e : known) {
            JsonNode payload = e.path("payload");
            switch (e.path("type").asText()) {
                case "RiskColourChanged" -> {
                    state.put("colour", payload.path("to").asText());
                    state.put("colourRule", payload.path("rule").asText());
                    state.put("colourSince", e.path("occurredAt").asText());
                }
                case "QuarantineStarted" -> {
                    state.put("quarantine", "ACTIVE");
                    state.put("quarantineCaseId", payload.path("caseId").asText());
                    if (payload.hasNonNull("endsAt")) {
                        state.put("quarantineEndsAt", payload.path("endsAt").asText());
                    }
                }
                case "QuarantineExtended" -> {
                    if (payload.hasNonNull("endsAt")) {
                        state.put("quarantineEndsAt", payload.path("endsAt").asText());
                    }
                }
                case "QuarantineCompleted" -> state.put("quarantine", "COMPLETED");
                case "QuarantineReleasedEarly" -> state.put("quarantine", "RELEASED_EARLY");
                case "PassIssued" -> {
                    ObjectNode pass = state.putObject("pass");
                    pass.put("status", "VALID");
                    pass.set("passId", payload.path("passId"));
                    pass.set("validFrom", payload.path("validFrom"));
                    pass.set("validTo", payload.path("validTo"));
                }
                case "PassRevoked" -> {
                    if (state.get("pass") instanceof ObjectNode pass) {
                        pass.put("status", "REVOKED");
                    }
                }
                default -> {
                    // other events do not change these three
                }
            }
        }
        return state;
    }
}
