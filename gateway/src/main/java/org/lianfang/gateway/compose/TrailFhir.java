package org.lianfang.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.MediaType;

/**
 * A composed trail as an HL7 FHIR R4 {@code Bundle} (type collection): the {@code Patient}, one
 * body-temperature {@code Observation} (LOINC 8310-5, UCUM {@code Cel}) per reading the trail holds
 * (a medic's {@code TemperatureRecorded}, a gate's crossing with a temperature), and one
 * {@code Provenance} per observation naming who recorded it, when, and which stored event it came
 * from. Written by hand with Jackson: the few resources are fixed and small, and HAPI FHIR's
 * structures would add tens of megabytes to the gateway for them (see gateway/README.md).
 * Resource ids are name-based UUIDs, so the same trail exports to the same bundle.
 */
final class TrailFhir {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");
    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String PERSON_SYSTEM = "https://lianfang.org/fhir/person-id";
    static final String EVENT_SYSTEM = "https://lianfang.org/fhir/event/";

    private TrailFhir() {
    }

    static ObjectNode bundle(JsonNode trail, Instant now) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String personId = trail.path("personId").asText();
        ObjectNode bundle = f.objectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("id", uuid("bundle", personId, now.toString()));
        bundle.putObject("meta").put("lastUpdated", now.toString());
        bundle.put("type", "collection");
        bundle.put("timestamp", now.toString());
        ArrayNode entries = bundle.putArray("entry");

        String patientId = uuid("patient", personId);
        ObjectNode patient = resource(entries, "Patient", patientId);
        patient.putArray("identifier").addObject().put("system", PERSON_SYSTEM).put("value", personId);
        for (JsonNode e : trail.path("entries")) {
            if ("PersonRegistered".equals(e.path("type").asText()) && e.path("payload").path("name").isTextual()) {
                patient.putArray("name").addObject().put("text", e.path("payload").path("name").asText());
            }
        }

        for (JsonNode e : trail.path("entries")) {
            JsonNode celsius = celsius(e, personId);
            if (celsius == null) {
                continue;
            }
            String eventKey = e.path("service").asText() + "/" + e.path("globalIndex").asText();
            String observationId = uuid("observation", eventKey);
            ObjectNode obs = resource(entries, "Observation", observationId);
            obs.put("status", "final");
            obs.putArray("category").addObject().putArray("coding").addObject()
                    .put("system", "http://terminology.hl7.org/CodeSystem/observation-category")
                    .put("code", "vital-signs").put("display", "Vital Signs");
            ObjectNode code = obs.putObject("code");
            code.putArray("coding").addObject().put("system", LOINC).put("code", "8310-5").put("display", "Body temperature");
            code.put("text", "Body temperature");
            obs.putObject("subject").put("reference", "urn:uuid:" + patientId);
            obs.put("effectiveDateTime", e.path("occurredAt").asText());
            obs.put("issued", e.path("recordedAt").asText());
            obs.putObject("valueQuantity").put("value", celsius.decimalValue())
                    .put("unit", "Cel").put("system", UCUM).put("code", "Cel");
            obs.putArray("identifier").addObject().put("system", EVENT_SYSTEM + e.path("service").asText())
                    .put("value", e.path("globalIndex").asText());

            ObjectNode provenance = resource(entries, "Provenance", uuid("provenance", eventKey));
            provenance.putArray("target").addObject().put("reference", "urn:uuid:" + observationId);
            provenance.put("occurredDateTime", e.path("occurredAt").asText());
            provenance.put("recorded", e.path("recordedAt").asText());
            ObjectNode agent = provenance.putArray("agent").addObject();
            agent.putObject("type").putArray("coding").addObject()
                    .put("system", "http://terminology.hl7.org/CodeSystem/provenance-participant-type")
                    .put("code", "enterer").put("display", "Enterer");
            agent.putObject("who").put("display", e.path("actor").asText("anonymous"));
            ObjectNode entity = provenance.putArray("entity").addObject();
            entity.put("role", "source");
            entity.putObject("what").putObject("identifier").put("system", EVENT_SYSTEM + e.path("service").asText())
                    .put("value", e.path("globalIndex").asText());
            String chain = chainStatus(trail, e.path("service").asText());
            if (chain != null) {
                provenance.putArray("reason").addObject().put("text", "hash chain of " + e.path("service").asText()
                        + ": " + chain);
            }
        }
        return bundle;
    }

    /** A reading in °C taken of this person, or null. */
    private static JsonNode celsius(JsonNode entry, String personId) {
        JsonNode payload = entry.path("payload");
        if ("TemperatureRecorded".equals(entry.path("type").asText()) && payload.path("celsius").isNumber()) {
            return payload.path("celsius");
        }
        JsonNode crossing = payload.path("crossing");
        if (crossing.path("temperatureCelsius").isNumber() && personId.equals(crossing.path("personId").asText())) {
            return crossing.path("temperatureCelsius");
        }
        return null;
    }

    private static String chainStatus(JsonNode trail, String service) {
        for (JsonNode s : trail.path("services")) {
            if (service.equals(s.path("service").asText()) && s.path("chain").has("status")) {
                return s.path("chain").path("status").asText();
            }
        }
        return null;
    }

    private static ObjectNode resource(ArrayNode entries, String type, String id) {
        ObjectNode entry = entries.addObject();
        entry.put("fullUrl", "urn:uuid:" + id);
        ObjectNode resource = entry.putObject("resource");
        resource.put("resourceType", type);
        resource.put("id", id);
        return resource;
    }

    private static String uuid(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
