package org.lianfang.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /openapi.json}: one OpenAPI document for the whole suite, merged from every service's
 * own ({@code /v3/api-docs}) and the gateway's composed views, with the authentication scheme and
 * the problem types. Public (a document, no data), cached briefly; a service that does not answer
 * is listed under {@code x-missing-services}.
 */
@RestController
public class OpenApiController {

    static final Duration CACHE = Duration.ofSeconds(60);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ServiceCalls calls;
    private volatile ObjectNode cached;
    private volatile Instant cachedAt = Instant.EPOCH;

    public OpenApiController(ServiceCalls calls) {
        this.calls = calls;
    }

    @GetMapping(path = "/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<JsonNode>> document() {
        ObjectNode current = cached;
        if (current != null && Instant.now().isBefore(cachedAt.plus(CACHE))) {
            return Mono.just(ResponseEntity.ok(current));
        }
        return Flux.fromIterable(calls.serviceNames())
                .flatMap(service -> calls.getPublic(service, "/v3/api-docs"))
                .collectList()
                .map(answers -> {
                    answers.sort(Comparator.comparing(ServiceCalls.Answer::service));
                    ObjectNode merged = merge(answers);
                    if (!merged.has("x-missing-services")) {
                        cached = merged;
                        cachedAt = Instant.now();
                    }
                    return ResponseEntity.ok(merged);
                });
    }

    static ObjectNode merge(List<ServiceCalls.Answer> answers) {
        ObjectNode doc = NODES.objectNode();
        doc.put("openapi", "3.0.1");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Lianfang (联防) API");
        info.put("version", "v1");
        info.put("description", """
                The whole suite through its gateway. Every /api/** request needs `Authorization: Bearer <api key>` \
                (admins create keys at /api/v1/admin/clients). Errors are RFC 9457 application/problem+json with \
                type https://lianfang.org/problems/<slug>: validation (400, errors[] of {field, reason}), \
                malformed-request (400), unauthorized (401), forbidden (403), not-found (404 — also for things of \
                another community), method-not-allowed (405), conflict / rule-violation / idempotency-in-flight (409), \
                payload-too-large (413), unsupported-media-type (415), idempotency-key-reused (422), \
                too-many-requests (429, Retry-After), service-unavailable (503), gateway-timeout (504). \
                Every POST accepts an Idempotency-Key.""");
        doc.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = doc.putObject("paths");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode security = components.putObject("securitySchemes");
        security.putObject("apiKey").put("type", "http").put("scheme", "bearer")
                .put("description", "An API key issued by an admin, e.g. from var/demo-credentials.env");
        doc.putArray("security").addObject().putArray("apiKey");
        schemas.set("Problem", problemSchema());
        ArrayNode tags = doc.putArray("tags");
        ArrayNode missing = NODES.arrayNode();
        for (ServiceCalls.Answer answer : answers) {
            if (answer.failed() || !answer.body().isObject()) {
                missing.add(answer.service());
                continue;
            }
            tags.addObject().put("name", answer.service());
            JsonNode serviceDoc = answer.body().deepCopy();
            Map<String, String> renames = new HashMap<>();
            serviceDoc.path("components").path("schemas").fields().forEachRemaining(schema -> {
                JsonNode existing = schemas.get(schema.getKey());
                if (existing != null && !existing.equals(schema.getValue())) {
                    renames.put(schema.getKey(), answer.service() + "_" + schema.getKey());
                }
            });
            rewriteRefs(serviceDoc, renames);
            serviceDoc.path("components").path("schemas").fields().forEachRemaining(schema ->
                    schemas.set(renames.getOrDefault(schema.getKey(), schema.getKey()), schema.getValue()));
            serviceDoc.path("paths").fields().forEachRemaining(path -> {
                if (path.getKey().startsWith("/api/v1/") && !path.getKey().startsWith("/api/v1/internal/")) {
                    path.getValue().forEach(operation -> {
                        if (operation instanceof ObjectNode op) {
                            op.putArray("tags").add(answer.service());
                        }
                    });
                    paths.set(path.getKey(), path.getValue());
                }
            });
        }
        gatewayPaths(paths);
        tags.addObject().put("name", "gateway");
        if (!missing.isEmpty()) {
            doc.set("x-missing-services", missing);
        }
        return doc;
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (name.equals("$ref") && value.isTextual() && value.asText().startsWith("#/components/schemas/")) {
                    String target = value.asText().substring("#/components/schemas/".length());
                    if (renames.containsKey(target)) {
                        object.set(name, new TextNode("#/components/schemas/" + renames.get(target)));
                    }
                } else {
                    rewriteRefs(value, renames);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
                rewriteRefs(it.next(), renames);
            }
        }
    }

    private static ObjectNode problemSchema() {
        ObjectNode problem = NODES.objectNode().put("type", "object")
                .put("description", "RFC 9457 problem details");
        ObjectNode properties = problem.putObject("properties");
        for (String field : List.of("type", "title", "detail", "instance", "correlationId")) {
            properties.putObject(field).put("type", "string");
        }
        properties.putObject("status").put("type", "integer");
        ObjectNode error = properties.putObject("errors").put("type", "array").putObject("items").put("type", "object");
        error.putObject("properties").putObject("field").put("type", "string");
        ((ObjectNode) error.get("properties")).putObject("reason").put("type", "string");
        return problem;
    }

    private static void gatewayPaths(ObjectNode paths) {
        get(paths, "/api/v1/persons/{personId}/trail", "A person's trail across all services",
                "Every event naming the person, ordered by occurred-at; state as known at asOf; partial answers name the missing service. Auditors must give a reason.",
                List.of("personId:path", "asOf:query", "occurredBefore:query", "reason:query", "format:query"));
        get(paths, "/api/v1/tracing/{personId}", "Contact tracing from what happened",
                "Household, same checkpoint within ±window, volunteers on duty and delivering; depth 2 = contacts of contacts. "
                        + "Graph + flat list with evidence and degree; text/csv or format=csv. operator, medic, auditor (reason), admin.",
                List.of("personId:path", "from:query", "to:query", "window:query", "depth:query", "format:query", "reason:query"));
        get(paths, "/api/v1/anchors", "Signed anchors of every service's chain head (Ed25519)",
                "Newest first, with the public key. admin, auditor, county. POST (admin) anchors now.", List.of("limit:query"));
        get(paths, "/api/v1/anchors/{sequence}", "One anchor record", "", List.of("sequence:path"));
        get(paths, "/api/v1/anchors/public-key", "The key that checks anchors offline", "", List.of());
        get(paths, "/api/v1/streams/events", "The county's event stream (CloudEvents 1.0)",
                "Pages of all services' events in the caller's jurisdiction with an opaque cursor that resumes exactly. county, auditor, admin.",
                List.of("after:query", "limit:query", "type:query", "community:query"));
        get(paths, "/api/v1/streams/events/live", "The county's event stream as server-sent events",
                "Same as /streams/events; Last-Event-ID resumes.", List.of("after:query", "type:query", "community:query"));
        get(paths, "/api/v1/admin/clients", "API clients (admin)", "List; never a key.", List.of());
        ObjectNode create = ((ObjectNode) paths.get("/api/v1/admin/clients")).putObject("post");
        create.put("summary", "Create an API client (admin); the key is in the response, once");
        create.putArray("tags").add("gateway");
        create.putObject("responses").putObject("201").put("description", "created, with apiKey");
        get(paths, "/api/v1/admin/clients/{id}", "One API client (admin)", "", List.of("id:path"));
        ObjectNode revoke = ((ObjectNode) paths.get("/api/v1/admin/clients/{id}")).putObject("delete");
        revoke.put("summary", "Revoke (effective within the key cache TTL)");
        revoke.putArray("tags").add("gateway");
        revoke.putObject("responses").putObject("200").put("description", "revoked");
        ObjectNode rotate = paths.putObject("/api/v1/admin/clients/{id}/rotate").putObject("post");
        rotate.put("summary", "A new key; the old one works graceSeconds more");
        rotate.putArray("tags").add("gateway");
        rotate.putObject("responses").putObject("200").put("description", "rotated, with apiKey");
    }

    private static void get(ObjectNode paths, String path, String summary, String description, List<String> parameters) {
        ObjectNode operation = paths.putObject(path).putObject("get");
        operation.put("summary", summary);
        operation.put("description", description);
        operation.putArray("tags").add("gateway");
        ArrayNode params = operation.putArray("parameters");
        for (String parameter : parameters) {
            String[] parts = parameter.split(":");
            params.addObject().put("name", parts[0]).put("in", parts[1]).put("required", parts[1].equals("path"))
                    .putObject("schema").put("type", "string");
        }
        ObjectNode responses = operation.putObject("responses");
        responses.putObject("200").put("description", "OK");
        responses.putObject("default").put("description", "a problem").putObject("content")
                .putObject("application/problem+json").putObject("schema").put("$ref", "#/components/schemas/Problem");
    }
}
