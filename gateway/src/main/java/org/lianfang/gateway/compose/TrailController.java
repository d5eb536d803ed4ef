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
import java.util.Optional;
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
import reactor.core.scheduler.Schedulers;

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
        String path = "/api/v1/internal/persons/" + personId + "/events";
        // the latest anchor first (usually at hand: anchors are minutes apart), so that each service
        // answers what its chain records at its anchored head together with its events
        Mono<Optional<JsonNode>> anchor = anchors.recentLatest().map(Mono::just)
                .orElseGet(() -> Mono.fromCallable(() -> anchors.latest().map(ChainAnchors.Anchor::parsed))
                        .subscribeOn(Schedulers.boundedElastic()));
        return anchor.flatMap(latest -> Flux.fromIterable(calls.serviceNames())
                        .flatMap(service -> part(service, path, asOf, occurredBefore, latest, exchange, caller))
                        .collectList())
                .map(parts -> compose(exchange, personId, asOfInstant, before, parts))
                .<ResponseEntity<?>>map(response -> fhir && response.getStatusCode().is2xxSuccessful()
                        ? ResponseEntity.ok().contentType(TrailFhir.FHIR_JSON)
                                .body(TrailFhir.bundle((JsonNode) response.getBody(), Instant.now()))
                        : response);
    }

    /**
     * One service's share: its events with its chain checked at them and, if an anchor names its
     * head, what its chain records there — one call. A service that answers without {@code chain}
     * or {@code anchorEntry} (an older release, during a rolling upgrade) is asked separately.
     */
    private Mono<Part> part(String service, String path, String asOf, String occurredBefore, Optional<JsonNode> latest,
                            ServerWebExchange exchange, ApiClient caller) {
        Optional<AnchoredHead> head = latest.flatMap(anchor -> anchoredHead(anchor, service));
        Map<String, String> query = new HashMap<>();
        query.put("asOf", asOf);
        query.put("occurredBefore", occurredBefore);
        query.put("verify", "true");
        head.ifPresent(h -> query.put("anchorIndex", String.valueOf(h.index())));
        return calls.get(service, path, query, exchange, caller)
                .flatMap(answer -> Mono.zip(chain(answer, exchange, caller), anchorCheck(answer, head, exchange, caller),
                        (chain, check) -> new Part(answer, chain, check)));
    }

    /** An entry with its instants parsed. */
    private record Timed(ObjectNode entry, Instant occurredAt, Instant recordedAt) {
    }

    /** One service's share of a trail: its events answer, its chain status, its anchor check. */
    private record Part(ServiceCalls.Answer answer, Optional<JsonNode> chain, Optional<AnchorCheck> anchor) {
    }

    /** The head the latest anchor recorded for one service. */
    private record AnchoredHead(JsonNode anchor, long index, String hash) {
    }

    /** The latest anchor's head for one service, and what that service's chain records there now. */
    private record AnchorCheck(AnchoredHead head, ServiceCalls.Answer entry) {
    }

    private static Optional<AnchoredHead> anchoredHead(JsonNode anchor, String service) {
        JsonNode head = null;
        for (JsonNode h : anchor.path("heads")) {
            if (service.equals(h.path("service").asText()) && h.has("headHash")) {
                head = h;
            }
        }
        if (head == null || head.path("headIndex").asLong() < 1) {
            return Optional.empty();
        }
        return Optional.of(new AnchoredHead(anchor, head.path("headIndex").asLong(), head.path("headHash").asText()));
    }

    /**
     * The service's hash chain checked at the events this trail shows: from the {@code chain} the
     * service answered with its events ({@code verify=true}); from a service that answers without
     * it (an older release, during a rolling upgrade), by its {@code /chain/verify} on the same
     * global indexes, in chunks it accepts. Whether what it holds now is what was chained when stored.
     */
    private Mono<Optional<JsonNode>> chain(ServiceCalls.Answer answer, ServerWebExchange exchange, ApiClient caller) {
        if (answer.failed() || answer.body().path("events").isEmpty()) {
            return Mono.just(Optional.empty());
        }
        JsonNode inline = answer.body().path("chain");
        if (inline.isObject()) {
            return Mono.just(Optional.of(chainStatus(List.of(new ServiceCalls.Answer(answer.service(), inline,
                    answer.status(), null)))));
        }
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
                .map(results -> Optional.of(chainStatus(results)));
    }

    /**
     * Whether the service's chain still holds the head of the latest external anchor: from the
     * {@code anchorEntry} it answered with its events, else by one key look-up of its own.
     */
    private Mono<Optional<AnchorCheck>> anchorCheck(ServiceCalls.Answer answer, Optional<AnchoredHead> head,
                                                    ServerWebExchange exchange, ApiClient caller) {
        if (answer.failed() || head.isEmpty()) {
            return Mono.just(Optional.empty());
        }
        AnchoredHead h = head.get();
        if (answer.body().has("anchorEntry")) {
            JsonNode entry = answer.body().path("anchorEntry");
            ObjectNode entries = JsonNodeFactory.instance.objectNode();
            if (entry.isObject()) {
                entries.putArray("entries").add(entry);
            }
            return Mono.just(Optional.of(new AnchorCheck(h, new ServiceCalls.Answer(answer.service(), entries,
                    answer.status(), null))));
        }
        return calls.get(answer.service(), "/api/v1/internal/chain/entries",
                        Map.of("globalIndexes", String.valueOf(h.index())), exchange, caller)
                .map(entry -> Optional.of(new AnchorCheck(h, entry)));
    }

    /** How a service's chain stands to the latest anchor, and how many of this trail's events it covers. */
    private static JsonNode anchorStatus(AnchorCheck check, JsonNode events) {
        long covered = 0;
        AnchoredHead head = check.head();
        for (JsonNode e : events) {
            covered += e.path("globalIndex").asLong() <= head.index() ? 1 : 0;
        }
        ObjectNode status = JsonNodeFactory.instance.objectNode()
                .put("sequence", head.anchor().path("sequence").asLong())
                .put("anchoredAt", head.anchor().path("createdAt").asText())
                .put("headIndex", head.index())
                .put("eventsCovered", covered);
        ServiceCalls.Answer entry = check.entry();
        if (entry.failed()) {
            status.put("status", "unverified").put("detail", entry.failure());
        } else if (head.hash().equals(entry.body().path("entries").path(0).path("hash").asText())) {
            status.put("status", "holds");
        } else {
            status.put("status", "diverged");
        }
        return status;
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
                                      List<Part> parts) {
        List<JsonNode> entries = new ArrayList<>();
        List<JsonNode> chains = new ArrayList<>();
        ArrayNode services = JsonNodeFactory.instance.arrayNode();
        boolean complete = true;
        List<Part> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparing(part -> part.answer().service()));
        for (Part part : sorted) {
            ServiceCalls.Answer answer = part.answer();
            ObjectNode status = services.addObject().put("service", answer.service());
            if (answer.failed()) {
                complete = false;
                status.put("status", "missing").put("detail", answer.failure());
            } else {
                JsonNode events = answer.body().path("events");
                status.put("status", "ok").put("events", events.size());
                part.chain().ifPresent(chain -> {
                    status.set("chain", chain);
                    chains.add(chain);
                });
                part.anchor().ifPresent(check -> status.set("anchor", anchorStatus(check, events)));
                events.forEach(entries::add);
            }
        }
        if (complete && entries.isEmpty()) {
            ProblemDetail problem = Problems.of(exchange, HttpStatus.NOT_FOUND, "No person '" + personId + "'.");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        // each entry's instants parsed once, not at every comparison of the sort
        List<Timed> timed = new ArrayList<>(entries.size());
        for (JsonNode e : entries) {
            timed.add(new Timed((ObjectNode) e, Instant.parse(e.path("occurredAt").asText()),
                    Instant.parse(e.path("recordedAt").asText())));
        }
        timed.sort(Comparator.comparing(Timed::occurredAt)
                .thenComparing(Timed::recordedAt)
                .thenComparing(t -> t.entry().path("service").asText())
                .thenComparingLong(t -> t.entry().path("globalIndex").asLong()));
        ArrayNode timeline = JsonNodeFactory.instance.arrayNode();
        int late = 0;
        for (Timed t : timed) {
            ObjectNode entry = t.entry(); // this request's own copy of the service's answer
            Duration lag = Duration.between(t.occurredAt(), t.recordedAt());
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
        for (JsonNode chain : chains) {
            tamperFree &= "verified".equals(chain.path("status").asText());
        }
        // true only if every service that contributed events proved them unaltered
        body.put("chainsVerified", tamperFree);
        body.set("services", services);
        // in the order the facts became known, sorted on the instants parsed above
        List<Timed> known = new ArrayList<>(timed);
        known.sort(Comparator.comparing(Timed::recordedAt)
                .thenComparing(t -> t.entry().path("service").asText())
                .thenComparingLong(t -> t.entry().path("globalIndex").asLong()));
        body.set("state", PersonState.ofKnownOrder(known.stream().<JsonNode>map(Timed::entry).toList()));
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
