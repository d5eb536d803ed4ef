package org.lianfang.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.lianfang.gateway.problem.Problems;
import org.lianfang.gateway.security.ApiClient;
import org.lianfang.gateway.security.CallerAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/persons/{id}/trail}: every event that names the person, from every service,
 * in one timeline ordered by when it happened, with the person's state as known at {@code asOf}.
 * A service that does not answer makes the trail partial, and the answer says which part is missing.
 */
@RestController
public class TrailController {

    /** A crossing recorded this much after it happened counts as a late upload. */
    static final Duration LATE = Duration.ofMinutes(1);
    /** The services verify at most this many events per call. */
    static final int CHAIN_CHUNK = 200;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private final ServiceCalls calls;
    private final ChainAnchors anchors;

    public TrailController(ServiceCalls calls, ChainAnchors anchors) {
        this.calls = calls;
        this.anchors = anchors;
    }

    @GetMapping("/api/v1/persons/{personId}/trail")
    public Mono<ResponseEntity<?>> trail(@PathVariable String personId,
                                         @RequestParam(required = false) String asOf,
                                         @RequestParam(required = false) String occurredBefore,
                                         @RequestParam(required = false) String reason,
                                         @RequestParam(required = false) String format,
                                         ServerWebExchange exchange) {
        ApiClient caller = CallerAttributes.client(exchange).orElseThrow();
        List<Map<String, String>> errors = new ArrayList<>();
        if (!ID.matcher(personId).matches()) {
            errors.add(Map.of("field", "personId", "reason", "must be 1 to 128 of letters, digits and . _ : @ -"));
        }
        Instant asOfInstant = instant(asOf, "asOf", errors);
        Instant before = instant(occurredBefore, "occurredBefore", errors);
        if ("auditor".equals(caller.role()) && (reason == null || reason.isBlank() || reason.length() > 500)) {
            errors.add(Map.of("field", "reason", "reason", "is required for an auditor's read of a trail (1 to 500 characters)"));
        }
        if (format != null && !"json".equals(format) && !"fhir".equals(format)) {
            errors.add(Map.of("field", "format", "reason", "must be json or fhir"));
        }
        boolean fhir = "fhir".equals(format) || (format == null && exchange.getRequest().getHeaders().getAccept()
                .stream().anyMatch(type -> type.isCompatibleWith(TrailFhir.FHIR_JSON) && !type.isWildcardType()
                        && !type.isWildcardSubtype()));
        if (!errors.isEmpty()) {
            return Mono.just(validation(exchange, errors));
        }
        Map<String, String> query = new HashMap<>();
        query.put("asOf", asOf);
        query.put("occurredBefore", occurredBefore);
        String path = "/api/v1/internal/persons/" + personId + "/events";
        return Flux.fromIterable(calls.serviceNames())
                .flatMap(service -> calls.get(service, path, query, exchange, caller))
                .collectList()
                .flatMap(answers -> verifyChains(answers, exchange, caller)
                        .zipWith(anchorStatus(answers, exchange, caller))
                        .map(checks -> compose(exchange, personId, asOfInstant, before, answers, checks.getT1(),
                                checks.getT2())))
                .<ResponseEntity<?>>map(response -> fhir && response.getStatusCode().is2xxSuccessful()
                        ? ResponseEntity.ok().contentType(TrailFhir.FHIR_JSON)
                                .body(TrailFhir.bundle((JsonNode) response.getBody(), Instant.now()))
                        : response);
    }

    /**
     * Each service's hash chain, checked at the events this trail shows (by global index, in
     * chunks the services accept): whether what they hold now is what was chained when stored.
     */
    private Mono<Map<String, JsonNode>> verifyChains(List<ServiceCalls.Answer> answers, ServerWebExchange exchange,
                                                     ApiClient caller) {
        return Flux.fromIterable(answers)
                .filter(answer -> !answer.failed() && !answer.body().path("events").isEmpty())
                .flatMap(answer -> {
                    List<String> indexes = new ArrayList<>();
                    answer.body().path("events").forEach(e -> indexes.add(e.path("globalIndex").asText()));
                    List<List<String>> chunks = new ArrayList<>();
                    for (int i = 0; i < indexes.size(); i += CHAIN_CHUNK) {
                        chunks.add(indexes.subList(i, Math.min(indexes.size(), i + CHAIN_CHUNK)));
                    }
                    return Flux.fromIterable(chunks)
                            .concatMap(chunk -> calls.get(answer.service(), "/api/v1/internal/chain/verify",
                                    Map.of("globalIndexes", String.join(",", chunk)), exchange, caller))
                            .collectList()
                            .map(results -> Map.entry(answer.service(), chainStatus(results)));
                })
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * Per service, whether its chain still holds the head of the latest external anchor (one key
     * look-up each), and how many of this trail's events that anchor covers.
     */
    private Mono<Map<String, JsonNode>> anchorStatus(List<ServiceCalls.Answer> answers, ServerWebExchange exchange,
                                                     ApiClient caller) {
        return Mono.fromCallable(() -> anchors.latest().map(ChainAnchors.Anchor::parsed))
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                .flatMap(latest -> {
                    if (latest.isEmpty()) {
                        return Mono.just(Map.<String, JsonNode>of());
                    }
                    JsonNode anchor = latest.get();
                    return Flux.fromIterable(answers)
                            .filter(answer -> !answer.failed())
                            .flatMap(answer -> {
                                JsonNode head = null;
                                for (JsonNode h : anchor.path("heads")) {
                                    if (answer.service().equals(h.path("service").asText()) && h.has("headHash")) {
                                        head = h;
                                    }
                                }
                                if (head == null || head.path("headIndex").asLong() < 1) {
                                    return Mono.empty();
                                }
                                long index = head.path("headIndex").asLong();
                                String hash = head.path("headHash").asText();
                                long covered = 0;
                                for (JsonNode e : answer.body().path("events")) {
                                    covered += e.path("globalIndex").asLong() <= index ? 1 : 0;
                                }
                                ObjectNode status = JsonNodeFactory.instance.objectNode()
                                        .put("sequence", anchor.path("sequence").asLong())
                                        .put("anchoredAt", anchor.path("createdAt").asText())
                                        .put("headIndex", index)
                                        .put("eventsCovered", covered);
                                return calls.get(answer.service(), "/api/v1/internal/chain/entries",
                                                Map.of("globalIndexes", String.valueOf(index)), exchange, caller)
                                        .map(entry -> {
                                            if (entry.failed()) {
                                                status.put("status", "unverified").put("detail", entry.failure());
                                            } else if (hash.equals(entry.body().path("entries").path(0).path("hash").asText())) {
                                                status.put("status", "holds");
                                            } else {
                                                status.put("status", "diverged");
                                            }
                                            return Map.entry(answer.service(), (JsonNode) status);
                                        });
                            })
                            .collectMap(Map.Entry::getKey, Map.Entry::getValue);
                });
    }

    private static JsonNode chainStatus(List<ServiceCalls.Answer> results) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        long checked = 0;
        for (ServiceCalls.Answer result : results) {
            if (result.failed()) {
                status.put("status", "unverified").put("detail", result.failure());
                return status;
            }
            checked += result.body().path("checked").asLong();
            if (!result.body().path("verified").asBoolean(false)) {
                status.put("status", "tampered");
                status.set("firstMismatch", result.body().path("firstMismatch"));
                status.put("checked", checked);
                return status;
            }
        }
        status.put("status", "verified").put("checked", checked);
        return status;
    }

    private ResponseEntity<?> compose(ServerWebExchange exchange, String personId, Instant asOf, Instant before,
                                      List<ServiceCalls.Answer> answers, Map<String, JsonNode> chains,
                                      Map<String, JsonNode> anchored) {
        List<JsonNode> entries = new ArrayList<>();
        ArrayNode services = JsonNodeFactory.instance.arrayNode();
        boolean complete = true;
        answers.sort(Comparator.comparing(ServiceCalls.Answer::service));
        for (ServiceCalls.Answer answer : answers) {
            ObjectNode status = services.addObject().put("service", answer.service());
            if (answer.failed()) {
                complete = false;
                status.put("status", "missing").put("detail", answer.failure());
            } else {
                JsonNode events = answer.body().path("events");
                status.put("status", "ok").put("events", events.size());
                if (chains.containsKey(answer.service())) {
                    status.set("chain", chains.get(answer.service()));
                }
                if (anchored.containsKey(answer.service())) {
                    status.set("anchor", anchored.get(answer.service()));
                }
                events.forEach(entries::add);
            }
        }
        if (complete && entries.isEmpty()) {
            ProblemDetail problem = Problems.of(exchange, HttpStatus.NOT_FOUND, "No person '" + personId + "'.");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        entries.sort(Comparator.<JsonNode, Instant>comparing(e -> Instant.parse(e.path("occurredAt").asText()))
                .thenComparing(e -> Instant.parse(e.path("recordedAt").asText()))
                .thenComparing(e -> e.path("service").asText())
                .thenComparingLong(e -> e.path("globalIndex").asLong()));
        ArrayNode timeline = JsonNodeFactory.instance.arrayNode();
        int late = 0;
        for (JsonNode e : entries) {
            ObjectNode entry = ((ObjectNode) e).deepCopy();
            Duration lag = Duration.between(Instant.parse(e.path("occurredAt").asText()),
                    Instant.parse(e.path("recordedAt").asText()));
            if (lag.compareTo(LATE) > 0) {
                entry.put("recordedLateBySeconds", lag.toSeconds());
                late++;
            }
            timeline.add(entry);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("personId", personId);
        body.put("asOf", asOf == null ? null : asOf.toString());
        body.put("occurredBefore", before == null ? null : before.toString());
        body.put("complete", complete);
        boolean tamperFree = true;
        for (JsonNode chain : chains.values()) {
            tamperFree &= "verified".equals(chain.path("status").asText());
        }
        // true only if every service that contributed events proved them unaltered
        body.put("chainsVerified", tamperFree);
        body.set("services", services);
        body.set("state", PersonState.of(entries));
        body.put("lateUploads", late);
        body.set("entries", timeline);
        return ResponseEntity.ok(body);
    }

    private static Instant instant(String value, String field, List<Map<String, String>> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(Map.of("field", field, "reason", "must be an ISO-8601 instant, e.g. 2020-02-01T08:00:00Z"));
            return null;
        }
    }

    static ResponseEntity<?> validation(ServerWebExchange exchange, List<Map<String, String>> errors) {
        ProblemDetail problem = Problems.of(exchange, HttpStatus.BAD_REQUEST, "The request is not valid.");
        problem.setType(URI.create(Problems.TYPE_BASE + "validation"));
        problem.setTitle("The request is not valid");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }
}
