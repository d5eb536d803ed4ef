package org.lianfang.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.lianfang.gateway.problem.Problems;
import org.lianfang.gateway.security.ApiClient;
import org.lianfang.gateway.security.CallerAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The county's feed: {@code GET /api/v1/streams/events} — every event of every service in the
 * caller's jurisdiction as CloudEvents 1.0, in pages, with an opaque cursor that resumes exactly
 * (the cursor holds each service's own tracking position, so nothing is skipped or repeated, also
 * across restarts); {@code /live} is the same as server-sent events ({@code Last-Event-ID} resumes).
 * A service that does not answer holds its place in the cursor and the page says it is partial.
 * County clients get payloads cut down to what {@link CountyStreamPolicy} allows.
 */
@RestController
public class StreamController {

    static final Set<String> ROLES = Set.of("county", "auditor", "admin");
    static final int MAX_LIMIT = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9]{1,80}");
    private static final Duration POLL = Duration.ofSeconds(1);

    private final ServiceCalls calls;
    private final CountyStreamPolicy policy;

    public StreamController(ServiceCalls calls, CountyStreamPolicy policy) {
        this.calls = calls;
        this.policy = policy;
    }

    /** One page of the stream and where to continue. */
    record Page(ArrayNode events, String next, List<String> partial) {
    }

    @GetMapping("/api/v1/streams/events")
    public Mono<ResponseEntity<?>> page(@RequestParam(required = false) String after,
                                        @RequestParam(defaultValue = "100") int limit,
                                        @RequestParam(required = false) String type,
                                        @RequestParam(required = false) String community,
                                        ServerWebExchange exchange) {
        ApiClient caller = CallerAttributes.client(exchange).orElseThrow();
        if (!ROLES.contains(caller.role())) {
            return Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).body(Problems.of(exchange,
                    HttpStatus.FORBIDDEN, "The event streams are for county, auditor and admin clients.")));
        }
        List<Map<String, String>> errors = new ArrayList<>();
        Map<String, String> cursor = decode(after, errors);
        Set<String> types = types(type, errors);
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(Map.of("field", "limit", "reason", "must be between 1 and " + MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            return Mono.just(TrailController.validation(exchange, errors));
        }
        return fetch(cursor, limit, types, community, exchange, caller).map(page -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.set("events", page.events());
            body.put("next", page.next());
            ArrayNode partial = body.putArray("partial");
            page.partial().forEach(partial::add);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
        });
    }

    @GetMapping(path = "/api/v1/streams/events/live")
    public Mono<ResponseEntity<?>> live(@RequestParam(required = false) String after,
                                        @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                        @RequestParam(required = false) String type,
                                        @RequestParam(required = false) String community,
                                        ServerWebExchange exchange) {
        ApiClient caller = CallerAttributes.client(exchange).orElseThrow();
        if (!ROLES.contains(caller.role())) {
            return Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).body(Problems.of(exchange,
                    HttpStatus.FORBIDDEN, "The event streams are for county, auditor and admin clients.")));
        }
        List<Map<String, String>> errors = new ArrayList<>();
        Map<String, String> start = decode(lastEventId != null ? lastEventId : after, errors);
        Set<String> types = types(type, errors);
        if (!errors.isEmpty()) {
            return Mono.just(TrailController.validation(exchange, errors));
        }
        return Mono.just(ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                .body(events(start, types, community, exchange, caller)));
    }

    private Flux<ServerSentEvent<JsonNode>> events(Map<String, String> start, Set<String> types, String community,
                                                   ServerWebExchange exchange, ApiClient caller) {
        String[] position = {encode(start)};
        // a poll slower than POLL (a loaded machine, a slow service) skips ticks instead of overflowing
        return Flux.interval(Duration.ZERO, POLL)
                .onBackpressureDrop()
                .concatMap(tick -> fetch(decode(position[0], new ArrayList<>()), 100, types, community, exchange, caller)
                        .flatMapMany(page -> {
                            List<ServerSentEvent<JsonNode>> out = new ArrayList<>();
                            for (JsonNode event : page.events()) {
                                String id = event.path("lianfangcursor").asText();
                                ObjectNode data = ((ObjectNode) event).deepCopy();
                                data.remove("lianfangcursor");
                                out.add(ServerSentEvent.<JsonNode>builder(data).id(id).event("event").build());
                            }
                            position[0] = page.next();
                            if (out.isEmpty()) {
                                out.add(ServerSentEvent.<JsonNode>builder().comment("keep-alive").build());
                            }
                            return Flux.fromIterable(out);
                        }));
    }

    private Mono<Page> fetch(Map<String, String> cursor, int limit, Set<String> types, String community,
                             ServerWebExchange exchange, ApiClient caller) {
        return Flux.fromIterable(calls.serviceNames())
                .flatMap(service -> {
                    Map<String, String> query = new HashMap<>();
                    query.put("after", cursor.getOrDefault(service, ""));
                    query.put("limit", Integer.toString(limit));
                    return calls.get(service, "/api/v1/internal/events", query, exchange, caller);
                })
                .collectList()
                .map(answers -> merge(cursor, limit, types, community, caller, answers, policy));
    }

    private static Page merge(Map<String, String> cursor, int limit, Set<String> types, String community,
                              ApiClient caller, List<ServiceCalls.Answer> answers, CountyStreamPolicy policy) {
        Map<String, String> position = new TreeMap<>(cursor);
        List<String> partial = new ArrayList<>();
        List<Deque<JsonNode>> queues = new ArrayList<>();
        Map<String, String> nextWhenNoneVisible = new HashMap<>();
        for (ServiceCalls.Answer answer : answers) {
            if (answer.failed()) {
                partial.add(answer.service());
                continue;
            }
            JsonNode events = answer.body().path("events");
            Deque<JsonNode> queue = new ArrayDeque<>();
            events.forEach(queue::add);
            queues.add(queue);
            if (events.isEmpty()) {
                // only events outside the caller's jurisdiction were read: their positions may be passed
                nextWhenNoneVisible.put(answer.service(), answer.body().path("next").asText(""));
            }
        }
        nextWhenNoneVisible.forEach((service, next) -> {
            if (!next.isEmpty()) {
                position.put(service, next);
            }
        });
        // Merged by recorded time, but each service's events stay in the order its cursor moves through
        // them: the page takes the earliest head of the services' queues, so it holds a prefix of each.
        // (Sorting them all by time took a later-indexed event recorded earlier before an earlier-indexed
        // one recorded later — concurrent commits — and moved the cursor past the one left out: lost.)
        Comparator<JsonNode> byTime = Comparator.<JsonNode, Instant>comparing(e -> Instant.parse(e.path("recordedAt").asText()))
                .thenComparing(e -> e.path("service").asText())
                .thenComparingLong(e -> e.path("globalIndex").asLong());
        List<JsonNode> taken = new ArrayList<>();
        while (taken.size() < limit) {
            Deque<JsonNode> earliest = queues.stream().filter(queue -> !queue.isEmpty())
                    .min(Comparator.comparing(Deque::peekFirst, byTime)).orElse(null);
            if (earliest == null) {
                break;
            }
            taken.add(earliest.pollFirst());
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode entry : taken) {
            position.put(entry.path("service").asText(), entry.path("cursor").asText());
            String entryCommunity = entry.path("communityId").isNull() ? null : entry.path("communityId").asText();
            if ((types.isEmpty() || types.contains(entry.path("type").asText()))
                    && (community == null || community.equals(entryCommunity))) {
                ObjectNode event = cloudEvent(entry, caller, policy);
                event.put("lianfangcursor", encode(position));
                out.add(event);
            }
        }
        partial.sort(String::compareTo);
        return new Page(out, encode(position), partial);
    }

    /** CloudEvents 1.0 JSON of one entry; for county clients the payload holds only what {@link CountyStreamPolicy} allows. */
    static ObjectNode cloudEvent(JsonNode entry, ApiClient caller, CountyStreamPolicy policy) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        String service = entry.path("service").asText();
        event.put("specversion", "1.0");
        event.put("id", entry.path("eventId").asText());
        event.put("source", "/lianfang/" + service);
        event.put("type", "org.lianfang." + service + "." + entry.path("type").asText());
        JsonNode persons = entry.path("personIds");
        if (persons.size() == 1) {
            event.put("subject", persons.get(0).asText());
        }
        event.put("time", entry.path("occurredAt").asText());
        event.put("datacontenttype", "application/json");
        event.put("sequence", String.format(Locale.ROOT, "%019d", entry.path("globalIndex").asLong()));
        event.put("recordedtime", entry.path("recordedAt").asText());
        if (!entry.path("communityId").isNull()) {
            event.put("communityid", entry.path("communityId").asText());
        }
        if (!entry.path("correlationId").isNull()) {
            event.put("correlationid", entry.path("correlationId").asText());
        }
        JsonNode payload = entry.path("payload");
        event.set("data", "county".equals(caller.role()) ? policy.forCounty(payload) : payload.deepCopy());
        return event;
    }

    static String encode(Map<String, String> position) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(position).forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                node.put(k, v);
            }
        });
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> decode(String cursor, List<Map<String, String>> errors) {
        Map<String, String> position = new HashMap<>();
        if (cursor == null || cursor.isBlank()) {
            return position;
        }
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
            if (!node.isObject()) {
                throw new IllegalArgumentException("not an object");
            }
            node.fields().forEachRemaining(f -> position.put(f.getKey(), f.getValue().asText()));
        } catch (Exception e) {
            errors.add(Map.of("field", "after", "reason", "is not a cursor this stream gave out"));
        }
        return position;
    }

    private static Set<String> types(String type, List<Map<String, String>> errors) {
        if (type == null || type.isBlank()) {
            return Set.of();
        }
        Set<String> types = Arrays.stream(type.split(",")).map(String::trim).collect(Collectors.toSet());
        if (types.size() > 50 || types.stream().anyMatch(t -> !TYPE.matcher(t).matches())) {
            errors.add(Map.of("field", "type", "reason", "must be up to 50 comma-separated event type names"));
        }
        return types;
    }
}
