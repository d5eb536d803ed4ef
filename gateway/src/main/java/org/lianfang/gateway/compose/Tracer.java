package org.lianfang.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.lianfang.gateway.security.ApiClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One contact-tracing question, answered from the services' key look-ups only: the registry's
 * per-person events (households) and households (members), the checkpoint's crossings of a whole
 * level's people each with who crossed near it and who was on duty then ({@link #windows}), and the
 * volunteer service's orders per household and per volunteer. Runs blocking on a worker thread
 * (the controller schedules it); calls of one step go out in parallel on {@link TracingWorkers}.
 */
final class Tracer {

    static final int PARALLEL = 8;
    /** People per call of checkpoint-service's {@link #WINDOWS} (it takes at most 100). */
    static final int WINDOW_PEOPLE = 50;
    static final String WINDOWS = "/api/v1/internal/tracing/windows";

    /** What was asked. */
    record Question(String personId, Instant from, Instant to, Duration window, int depth) {
    }

    /** One thing seen between two nodes ({@code from} was expanded, {@code to} was found). */
    record Link(String from, String to, ObjectNode evidence) {
    }

    private final ServiceCalls calls;
    private final TracingWorkers workers;
    private final ServerWebExchange exchange;
    private final ApiClient caller;
    private volatile Question question;
    /** Crossings found per person expanded (the index person's tell whether they exist at all). */
    final Map<String, Integer> crossingCounts = new ConcurrentHashMap<>();
    /** service → why part of it is missing (first failure wins). */
    final Map<String, String> missing = new ConcurrentHashMap<>();
    final Set<String> truncated = ConcurrentHashMap.newKeySet();
    final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, List<String>> members = new ConcurrentHashMap<>();
    private final Map<String, Instant> instants = new ConcurrentHashMap<>();

    Tracer(ServiceCalls calls, TracingWorkers workers, ServerWebExchange exchange, ApiClient caller, Question question) {
        this.calls = calls;
        this.workers = workers;
        this.exchange = exchange;
        this.caller = caller;
        this.question = question;
    }

    /** Settles the period once the index person's arrival date is known. */
    void question(Question settled) {
        this.question = settled;
    }

    static String person(String id) {
        return "person:" + id;
    }

    static String volunteer(String id) {
        return "volunteer:" + id;
    }

    // ---- reads -------------------------------------------------------------------------------

    private JsonNode get(String service, String path, Map<String, String> query) {
        ServiceCalls.Answer answer = calls.get(service, path, query, exchange, caller).block();
        if (answer == null) {
            missing.putIfAbsent(service, "no answer");
            return null;
        }
        if (answer.failed()) {
            if (answer.status() == 404) {
                return null; // not there, or not in the caller's jurisdiction: nothing to trace
            }
            missing.putIfAbsent(service, path.replaceAll("/[^/]*$", "/…") + " " + answer.failure());
            return null;
        }
        return answer.body();
    }

    /** The registry's events naming the person (a key look-up): households and the arrival date. */
    JsonNode registryEvents(String personId) {
        return get("registry", "/api/v1/internal/persons/" + personId + "/events", Map.of());
    }

    static List<String> households(JsonNode registryEvents) {
        Set<String> ids = new LinkedHashSet<>();
        if (registryEvents != null) {
            registryEvents.path("events").forEach(e -> {
                if ("HouseholdMemberAdded".equals(e.path("type").asText())) {
                    ids.add(e.path("payload").path("householdId").asText());
                }
            });
        }
        return List.copyOf(ids);
    }

    /** The arrival date as last registered or corrected, or null. */
    static LocalDate arrivalDate(JsonNode registryEvents) {
        LocalDate arrival = null;
        if (registryEvents == null) {
            return null;
        }
        for (JsonNode e : registryEvents.path("events")) {
            String type = e.path("type").asText();
            JsonNode date = e.path("payload").path("arrivalDate");
            boolean corrected = "PersonDetailsCorrected".equals(type)
                    && e.path("payload").path("changedFields").toString().contains("arrivalDate");
            if (("PersonRegistered".equals(type) || corrected) && date.isTextual()) {
                arrival = LocalDate.parse(date.asText());
            } else if (corrected && date.isNull()) {
                arrival = null;
            }
        }
        return arrival;
    }

    private List<String> membersOf(String householdId) {
        return members.computeIfAbsent(householdId, id -> {
            JsonNode household = get("registry", "/api/v1/households/" + id, Map.of());
            List<String> found = new ArrayList<>();
            if (household != null) {
                household.path("members").forEach(m -> found.add(m.asText()));
            }
            return found;
        });
    }

    /**
     * Each person's crossings in the period, each with everyone who crossed the same checkpoint
     * within ±window and the volunteers on duty there then: checkpoint-service answers a whole level
     * of the graph in one call per {@value #WINDOW_PEOPLE} people (in parallel), instead of one call
     * per person and two per crossing. A person absent from the answer has no crossings to show.
     */
    Map<String, JsonNode> windows(List<String> personIds) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < personIds.size(); i += WINDOW_PEOPLE) {
            chunks.add(personIds.subList(i, Math.min(personIds.size(), i + WINDOW_PEOPLE)));
        }
        List<JsonNode> answers = Flux.fromIterable(chunks)
                .flatMapSequential(chunk -> Mono.fromCallable(() -> windowsOf(chunk)).subscribeOn(workers.lookups), PARALLEL)
                .collectList().block();
        Map<String, JsonNode> byPerson = new HashMap<>();
        if (answers != null) {
            answers.forEach(answer -> answer.path("persons").forEach(p -> byPerson.put(p.path("personId").asText(), p)));
        }
        return byPerson;
    }

    private JsonNode windowsOf(List<String> chunk) {
        Map<String, String> query = new HashMap<>();
        query.put("personIds", String.join(",", chunk));
        query.put("from", question.from().toString());
        query.put("to", question.to().toString());
        query.put("windowSeconds", String.valueOf(question.window().toSeconds()));
        ServiceCalls.Answer answer = calls.get("checkpoint", WINDOWS, query, exchange, caller).block();
        if (answer == null || answer.failed()) {
            // unlike a look-up by id, a 404 here is no answer: it is never "nothing to trace"
            missing.putIfAbsent("checkpoint", WINDOWS + " " + (answer == null ? "no answer" : answer.failure()));
            return JsonNodeFactory.instance.objectNode();
        }
        for (JsonNode person : answer.body().path("persons")) {
            if (person.path("truncated").asBoolean()) {
                truncated.add("crossings of " + person.path("personId").asText());
            }
            for (JsonNode crossing : person.path("crossings")) {
                if (crossing.path("nearbyTruncated").asBoolean()) {
                    truncated.add("crossings at " + crossing.path("checkpointId").asText() + " around "
                            + crossing.path("occurredAt").asText());
                }
            }
        }
        return answer.body();
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return at != null && !at.isBefore(from) && at.isBefore(to);
    }

    /** An instant as the services write it, parsed once per question (a busy crossing is in many windows). */
    private Instant instant(String text) {
        return instants.computeIfAbsent(text, Instant::parse);
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.asText()) : null;
    }

    // ---- expansions ------------------------------------------------------------------------------

    /** Everyone a person met at home: household members, and the volunteers who delivered to the household. */
    List<Link> householdLinks(String personId, JsonNode registryEvents) {
        String self = person(personId);
        List<Link> links = new ArrayList<>();
        for (String household : households(registryEvents)) {
            for (String member : membersOf(household)) {
                if (!member.equals(personId)) {
                    ObjectNode evidence = evidence("household");
                    evidence.put("householdId", household);
                    links.add(new Link(self, person(member), evidence));
                }
            }
            JsonNode deliveries = get("volunteer", "/api/v1/internal/households/" + household + "/deliveries", Map.of());
            if (deliveries != null) {
                for (JsonNode order : deliveries.path("items")) {
                    deliveryLink(order).ifPresent(e -> links.add(new Link(self,
                            volunteer(order.path("volunteerId").asText()), e)));
                }
            }
        }
        return links;
    }

    /**
     * Everyone a person met at checkpoints, from their {@link #windows}: those who crossed the same
     * checkpoint within the window, and the volunteers on duty there then.
     */
    List<Link> crossingLinks(String personId, JsonNode windows) {
        String self = person(personId);
        List<Link> links = new ArrayList<>();
        JsonNode crossings = windows == null ? JsonNodeFactory.instance.arrayNode() : windows.path("crossings");
        crossingCounts.put(personId, crossings.size());
        for (JsonNode crossing : crossings) {
            String checkpoint = crossing.path("checkpointId").asText();
            Instant at = instant(crossing.path("occurredAt").asText());
            for (JsonNode other : crossing.path("nearby")) {
                Instant otherAt = instant(other.path("occurredAt").asText());
                Set<String> people = new LinkedHashSet<>();
                if (other.path("personId").isTextual()) {
                    people.add(other.path("personId").asText());
                }
                other.path("occupants").forEach(o -> people.add(o.asText()));
                for (String someone : people) {
                    if (someone.equals(personId)) {
                        continue;
                    }
                    ObjectNode evidence = evidence("checkpoint");
                    evidence.put("checkpointId", checkpoint);
                    evidence.put("crossingId", crossing.path("id").asText());
                    evidence.put("at", at.toString());
                    evidence.put("contactCrossingId", other.path("id").asText());
                    evidence.put("contactAt", otherAt.toString());
                    evidence.put("gapSeconds", Math.abs(Duration.between(at, otherAt).toSeconds()));
                    evidence.put("contactDecision", other.path("decision").asText(null));
                    links.add(new Link(self, person(someone), evidence));
                }
            }
            for (JsonNode d : crossing.path("onDuty")) {
                String id = d.path("volunteerId").asText();
                if (d.path("volunteerName").isTextual()) {
                    names.put(volunteer(id), d.path("volunteerName").asText());
                }
                ObjectNode evidence = evidence("on-duty");
                evidence.put("checkpointId", checkpoint);
                evidence.put("crossingId", crossing.path("id").asText());
                evidence.put("at", at.toString());
                evidence.put("shiftId", d.path("shiftId").asText());
                evidence.set("checkedInAt", d.path("checkedInAt"));
                evidence.set("checkedOutAt", d.path("checkedOutAt"));
                links.add(new Link(self, volunteer(id), evidence));
            }
        }
        return links;
    }

    /** A volunteer's contacts: the members of the households they delivered to in the period. */
    List<Link> expandVolunteer(String volunteerId) {
        String self = volunteer(volunteerId);
        List<Link> links = new ArrayList<>();
        JsonNode deliveries = get("volunteer", "/api/v1/volunteers/" + volunteerId + "/deliveries", Map.of());
        if (deliveries == null) {
            return links;
        }
        for (JsonNode order : deliveries.path("items")) {
            if (!volunteerId.equals(order.path("volunteerId").asText())) {
                continue;
            }
            var evidence = deliveryLink(order);
            if (evidence.isEmpty()) {
                continue;
            }
            Set<String> people = new LinkedHashSet<>();
            if (order.path("householdId").isTextual()) {
                people.addAll(membersOf(order.path("householdId").asText()));
            }
            order.path("personIds").forEach(p -> people.add(p.asText()));
            for (String someone : people) {
                links.add(new Link(self, person(someone), evidence.get().deepCopy()));
            }
        }
        return links;
    }

    /** An order some volunteer carried to the door (or at least took) within the period. */
    private java.util.Optional<ObjectNode> deliveryLink(JsonNode order) {
        if (!order.path("volunteerId").isTextual()) {
            return java.util.Optional.empty();
        }
        Instant at = null;
        String stage = null;
        for (JsonNode step : order.path("steps")) {
            Instant stepAt = instant(step.path("at"));
            if (order.path("volunteerId").asText().equals(step.path("volunteerId").asText(null))
                    || "LEFT_AT_DOOR".equals(step.path("stage").asText())) {
                if (within(stepAt, question.from(), question.to())) {
                    at = stepAt;
                    stage = step.path("stage").asText();
                }
            }
        }
        if (at == null) {
            return java.util.Optional.empty();
        }
        ObjectNode evidence = evidence("delivery");
        evidence.put("householdId", order.path("householdId").asText(null));
        evidence.put("deliveryId", order.path("id").asText());
        evidence.put("stage", stage);
        evidence.put("at", at.toString());
        evidence.put("contactFree", order.path("contactFree").asBoolean(true));
        return java.util.Optional.of(evidence);
    }

    private static ObjectNode evidence(String relation) {
        return JsonNodeFactory.instance.objectNode().put("relation", relation);
    }

    /** The services this question depends on, each ok or missing with why. */
    Map<String, String> serviceStatus() {
        Map<String, String> status = new TreeMap<>();
        for (String service : List.of("registry", "checkpoint", "volunteer")) {
            status.put(service, missing.get(service));
        }
        return status;
    }
}
