package org.lianfang.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.lianfang.gateway.problem.Problems;
import org.lianfang.gateway.security.ApiClient;
import org.lianfang.gateway.security.CallerAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
 * {@code GET /api/v1/tracing/{personId}?from=&to=&window=&depth=}: who the person met, from what
 * actually happened — same household, the same checkpoint within ±window, volunteers on duty there
 * then, volunteers who delivered to the household — and, at depth 2, whom those met. Every contact
 * carries its evidence and degree; the answer is a graph and a flat list (or CSV). A service that
 * does not answer makes it partial, and the answer says which.
 */
@RestController
public class TracingController {

    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    static final Duration MAX_WINDOW = Duration.ofHours(24);
    static final Duration DEFAULT_PERIOD = Duration.ofDays(14);
    static final Duration MAX_PERIOD = Duration.ofDays(31);
    /** Days of arrival are local days of the county. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final MediaType CSV = MediaType.parseMediaType("text/csv");
    private static final Set<String> ROLES = Set.of("operator", "medic", "auditor", "admin");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final Logger AUDIT = LoggerFactory.getLogger("org.lianfang.gateway.audit");

    private final ServiceCalls calls;
    private final TracingWorkers workers;
    private final Clock clock;

    public TracingController(ServiceCalls calls, TracingWorkers workers) {
        this.calls = calls;
        this.workers = workers;
        this.clock = Clock.systemUTC();
    }

    @GetMapping("/api/v1/tracing/{personId}")
    public Mono<ResponseEntity<?>> trace(@PathVariable String personId,
                                         @RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to,
                                         @RequestParam(required = false) String window,
                                         @RequestParam(required = false) String depth,
                                         @RequestParam(required = false) String format,
                                         @RequestParam(required = false) String reason,
                                         ServerWebExchange exchange) {
        ApiClient caller = CallerAttributes.client(exchange).orElseThrow();
        if (!ROLES.contains(caller.role())) {
            return Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).body(Problems.of(exchange,
                    HttpStatus.FORBIDDEN, "Contact tracing is for operator, medic, auditor and admin clients.")));
        }
        List<Map<String, String>> errors = new ArrayList<>();
        if (!ID.matcher(personId).matches()) {
            errors.add(Map.of("field", "personId", "reason", "must be 1 to 128 of letters, digits and . _ : @ -"));
        }
        Instant fromAt = instant(from, "from", errors);
        Instant toAt = to == null ? clock.instant() : instant(to, "to", errors);
        Duration windowLength = window(window, errors);
        int levels = depth(depth, errors);
        boolean csv = csv(format, exchange, errors);
        if (fromAt != null && toAt != null) {
            if (!toAt.isAfter(fromAt)) {
                errors.add(Map.of("field", "to", "reason", "must be after from"));
            } else if (Duration.between(fromAt, toAt).compareTo(MAX_PERIOD) > 0) {
                errors.add(Map.of("field", "from", "reason", "the period may be at most " + MAX_PERIOD.toDays() + " days"));
            }
        }
        if ("auditor".equals(caller.role()) && (reason == null || reason.isBlank() || reason.length() > 500)) {
            errors.add(Map.of("field", "reason", "reason", "is required for an auditor's tracing (1 to 500 characters)"));
        }
        if (!errors.isEmpty()) {
            return Mono.just(TrailController.validation(exchange, errors));
        }
        if (reason != null) {
            AUDIT.info("tracing person={} client={} role={} reason={}", personId, caller.id(), caller.role(), reason);
        }
        return Mono.<ResponseEntity<?>>fromCallable(() -> answer(exchange, caller, personId, fromAt, toAt, windowLength, levels, csv))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private ResponseEntity<?> answer(ServerWebExchange exchange, ApiClient caller, String personId, Instant from,
                                     Instant to, Duration window, int depth, boolean csv) {
        Tracer tracer = new Tracer(calls, workers, exchange, caller, new Tracer.Question(personId, from, to, window, depth));
        JsonNode registryEvents = tracer.registryEvents(personId);
        String fromSource = "request";
        if (from == null) {
            LocalDate arrival = Tracer.arrivalDate(registryEvents);
            Instant floor = to.minus(MAX_PERIOD);
            if (arrival != null && arrival.atStartOfDay(ZONE).toInstant().isBefore(to)) {
                from = arrival.atStartOfDay(ZONE).toInstant();
                fromSource = "arrivalDate";
                if (from.isBefore(floor)) {
                    from = floor;
                    fromSource = "arrivalDate, limited to " + MAX_PERIOD.toDays() + " days";
                }
            } else {
                from = to.minus(DEFAULT_PERIOD);
                fromSource = "default";
            }
        }
        tracer.question(new Tracer.Question(personId, from, to, window, depth));

        Graph graph = new Graph(Tracer.person(personId));
        graph.add(tracer.householdLinks(personId, registryEvents), 1);
        graph.add(tracer.crossingLinks(personId, tracer.windows(List.of(personId)).get(personId)), 1);
        if (depth >= 2) {
            // the registry and volunteer look-ups of each contact go out on the expansion workers while
            // this thread asks checkpoint-service for the whole level's crossing windows
            List<String> frontier = graph.at(1);
            java.util.concurrent.CompletableFuture<List<List<Tracer.Link>>> atHome = Flux.fromIterable(frontier)
                    .flatMapSequential(key -> Mono.fromCallable(() -> key.startsWith("person:")
                                    ? tracer.householdLinks(key.substring(7), tracer.registryEvents(key.substring(7)))
                                    : tracer.expandVolunteer(key.substring(10)))
                            .subscribeOn(workers.expansions), Tracer.PARALLEL)
                    .collectList().toFuture();
            Map<String, JsonNode> windows = tracer.windows(frontier.stream()
                    .filter(key -> key.startsWith("person:")).map(key -> key.substring(7)).toList());
            List<List<Tracer.Link>> home = atHome.join();
            for (int i = 0; i < frontier.size(); i++) {
                graph.add(home.get(i), 2);
                String key = frontier.get(i);
                if (key.startsWith("person:")) {
                    graph.add(tracer.crossingLinks(key.substring(7), windows.get(key.substring(7))), 2);
                }
            }
        }

        boolean complete = tracer.missing.isEmpty();
        boolean known = (registryEvents != null && !registryEvents.path("events").isEmpty())
                || tracer.crossingCounts.getOrDefault(personId, 0) > 0;
        if (complete && !known) {
            ProblemDetail problem = Problems.of(exchange, HttpStatus.NOT_FOUND, "No person '" + personId + "'.");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("personId", personId);
        body.put("from", from.toString());
        body.put("fromSource", fromSource);
        body.put("to", to.toString());
        body.put("windowSeconds", window.toSeconds());
        body.put("depth", depth);
        body.put("complete", complete);
        ArrayNode services = body.putArray("services");
        tracer.serviceStatus().forEach((service, why) -> {
            ObjectNode status = services.addObject().put("service", service);
            if (why == null) {
                status.put("status", "ok");
            } else {
                status.put("status", "missing").put("detail", why);
            }
        });
        ArrayNode truncated = body.putArray("truncated");
        new TreeSet<>(tracer.truncated).forEach(truncated::add);
        body.set("graph", graph.json(tracer.names));
        body.set("contacts", graph.contacts(tracer.names));
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tracing-" + personId + ".csv\"")
                .header("Lianfang-Complete", String.valueOf(complete));
        if (!complete) {
            ok.header("Lianfang-Missing-Services", String.join(",", new TreeSet<>(tracer.missing.keySet())));
        }
        return ok.body(TracingCsv.of(body.path("contacts")));
    }

    /** Nodes by first-found degree, and undirected edges whose evidence is kept once. */
    static final class Graph {
        private final String index;
        private final Map<String, Integer> degree = new LinkedHashMap<>();
        private final Map<String, Edge> edges = new LinkedHashMap<>();

        Graph(String index) {
            this.index = index;
            degree.put(index, 0);
        }

        private static final class Edge {
            final String from;
            final String to;
            final Map<String, ObjectNode> evidence = new LinkedHashMap<>();

            Edge(String from, String to) {
                this.from = from;
                this.to = to;
            }
        }

        void add(List<Tracer.Link> links, int newDegree) {
            for (Tracer.Link link : links) {
                degree.putIfAbsent(link.to(), newDegree);
                String key = link.from().compareTo(link.to()) < 0 ? link.from() + "|" + link.to()
                        : link.to() + "|" + link.from();
                Edge edge = edges.computeIfAbsent(key, k -> new Edge(link.from(), link.to()));
                edge.evidence.putIfAbsent(signature(link.evidence()), link.evidence());
            }
        }

        /** Same fact seen from either side (crossing pair, household, delivery, duty) counts once. */
        private static String signature(ObjectNode e) {
            String relation = e.path("relation").asText();
            return switch (relation) {
                case "checkpoint" -> {
                    String a = e.path("crossingId").asText();
                    String b = e.path("contactCrossingId").asText();
                    yield relation + "|" + (a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a);
                }
                case "household" -> relation + "|" + e.path("householdId").asText();
                case "delivery" -> relation + "|" + e.path("deliveryId").asText();
                default -> relation + "|" + e.path("shiftId").asText() + "|" + e.path("crossingId").asText();
            };
        }

        List<String> at(int level) {
            return degree.entrySet().stream().filter(e -> e.getValue() == level).map(Map.Entry::getKey).toList();
        }

        private static ObjectNode node(String key, int degree, Map<String, String> names) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("key", key);
            node.put("kind", key.substring(0, key.indexOf(':')));
            node.put("id", key.substring(key.indexOf(':') + 1));
            if (names.containsKey(key)) {
                node.put("name", names.get(key));
            }
            node.put("degree", degree);
            return node;
        }

        private List<String> sortedKeys() {
            return degree.keySet().stream().sorted(Comparator.<String>comparingInt(degree::get)
                    .thenComparing(Comparator.naturalOrder())).toList();
        }

        JsonNode json(Map<String, String> names) {
            ObjectNode graph = JsonNodeFactory.instance.objectNode();
            ArrayNode nodes = graph.putArray("nodes");
            sortedKeys().forEach(key -> nodes.add(node(key, degree.get(key), names).put("index", key.equals(index))));
            ArrayNode list = graph.putArray("edges");
            Map<Edge, Integer> closer = new java.util.IdentityHashMap<>(edges.size());
            edges.values().forEach(e -> closer.put(e, Math.min(degree.get(e.from), degree.get(e.to))));
            edges.values().stream()
                    .sorted(Comparator.<Edge>comparingInt(closer::get).thenComparing(e -> e.from).thenComparing(e -> e.to))
                    .forEach(edge -> {
                        ObjectNode e = list.addObject().put("from", edge.from).put("to", edge.to);
                        ArrayNode evidence = e.putArray("evidence");
                        edge.evidence.values().forEach(evidence::add);
                    });
            return graph;
        }

        /** Everyone but the index person: degree, through whom (a neighbour one degree closer), and the evidence. */
        JsonNode contacts(Map<String, String> names) {
            Map<String, List<Edge>> byNode = new java.util.HashMap<>();
            for (Edge edge : edges.values()) {
                byNode.computeIfAbsent(edge.from, k -> new ArrayList<>()).add(edge);
                byNode.computeIfAbsent(edge.to, k -> new ArrayList<>()).add(edge);
            }
            ArrayNode contacts = JsonNodeFactory.instance.arrayNode();
            for (String key : sortedKeys()) {
                int d = degree.get(key);
                if (d == 0) {
                    continue;
                }
                ObjectNode contact = node(key, d, names);
                ArrayNode via = contact.putArray("via");
                ArrayNode evidence = contact.putArray("evidence");
                Set<String> relations = new TreeSet<>();
                Long closest = null;
                for (Edge edge : byNode.getOrDefault(key, List.of())) {
                    String other = edge.from.equals(key) ? edge.to : edge.from;
                    if (degree.get(other) != d - 1) {
                        continue;
                    }
                    via.add(other);
                    for (ObjectNode e : edge.evidence.values()) {
                        ObjectNode copy = e.deepCopy();
                        copy.put("with", other);
                        evidence.add(copy);
                        relations.add(e.path("relation").asText());
                        if (e.has("gapSeconds")) {
                            long gap = e.path("gapSeconds").asLong();
                            closest = closest == null ? gap : Math.min(closest, gap);
                        }
                    }
                }
                ArrayNode rel = contact.putArray("relations");
                relations.forEach(rel::add);
                if (closest != null) {
                    contact.put("closestGapSeconds", closest);
                }
                contacts.add(contact);
            }
            return contacts;
        }
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

    /** {@code PT15M} or a number of minutes. */
    private static Duration window(String value, List<Map<String, String>> errors) {
        if (value == null) {
            return DEFAULT_WINDOW;
        }
        Duration parsed = null;
        try {
            parsed = value.matches("\\d{1,5}") ? Duration.ofMinutes(Long.parseLong(value)) : Duration.parse(value);
        } catch (DateTimeParseException e) {
            // reported below
        }
        if (parsed == null || parsed.isNegative() || parsed.isZero() || parsed.compareTo(MAX_WINDOW) > 0) {
            errors.add(Map.of("field", "window", "reason",
                    "must be minutes or an ISO-8601 duration (e.g. 15 or PT15M), more than 0 and at most PT24H"));
            return DEFAULT_WINDOW;
        }
        return parsed;
    }

    private static int depth(String value, List<Map<String, String>> errors) {
        if (value == null) {
            return 1;
        }
        if (!"1".equals(value) && !"2".equals(value)) {
            errors.add(Map.of("field", "depth", "reason", "must be 1 or 2"));
            return 1;
        }
        return Integer.parseInt(value);
    }

    private static boolean csv(String format, ServerWebExchange exchange, List<Map<String, String>> errors) {
        if (format != null) {
            if (!"csv".equals(format) && !"json".equals(format)) {
                errors.add(Map.of("field", "format", "reason", "must be json or csv"));
            }
            return "csv".equals(format);
        }
        return exchange.getRequest().getHeaders().getAccept().stream()
                .anyMatch(type -> type.isCompatibleWith(CSV) && !type.isWildcardType());
    }
}
