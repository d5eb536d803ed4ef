package org.lianfang.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lianfang.identity.IdentityCodec;
import org.lianfang.identity.SignedIdentity;

/**
 * Issue 13 end to end, crypto-shredding on in every service: a Wuhan returnee is registered, serves
 * the quarantine to completion, the retention period runs out and an admin erases them at the
 * registry. Then no plaintext of theirs is left anywhere in the store (every database, every
 * collection, binaries decoded), the trail still lists their events and the erasure, and the boards
 * count as before.
 */
@Order(50)
@ExtendWith(SharedSuite.Extension.class)
class ErasureIT {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String NAME = "慕容复（示例）";
    private static final String ID_NUMBER = WholeSuiteIT.idNumber(777);
    private static final String PHONE = "19977700777";
    private static final String ADDRESS = "燕子坞 7号楼 702室";
    private static final String NOTE = "夜间干咳 自述乏力";
    private static final String DELIVERY_ADDRESS = "燕子坞 还施水阁 7号";
    private static final String DELIVERY_NOTE = "放在水阁门口的石凳上";
    private static final String ARRIVAL_NAME = "段誉（示例）";
    private static final String ARRIVAL_ID_NUMBER = WholeSuiteIT.idNumber(778);
    private static final String ARRIVAL_PHONE = "19977700778";
    private static final java.util.concurrent.atomic.AtomicInteger TABLET_SEQUENCE = new java.util.concurrent.atomic.AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Suite suite;

    @BeforeAll
    static void start(Suite shared) {
        suite = shared;
    }

    @Test
    void anErasedReturneeLeavesNoPlaintextTheTrailShowsErasedEntriesAndTheBoardsStay() {
        Instant now = suite.advanceClock(Duration.ZERO);
        LocalDate arrival = now.atZone(ZONE).toLocalDate();
        HttpResponse<String> created = post("operator", "/api/v1/persons", """
                {"name": "%s", "residentIdNumber": "%s", "phone": "%s", "origin": "WUHAN", "arrivalDate": "%s",
                 "compound": "安国小区", "address": "%s", "source": "SELF_REPORTED"}
                """.formatted(NAME, ID_NUMBER, PHONE, arrival, ADDRESS), null);
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        String person = Suite.json(created).path("id").asText();
        String caseId = await().atMost(Duration.ofSeconds(120)).until(() -> {
            JsonNode items = Suite.json(suite.get("operator", "/api/v1/quarantines?personId=" + person)).path("items");
            return items.isEmpty() ? null : items.get(0).path("id").asText(null);
        }, id -> id != null);
        HttpResponse<String> symptom = post("medic", "/api/v1/quarantines/" + caseId + "/symptoms",
                "{\"symptoms\":[\"cough\"],\"notes\":\"" + NOTE + "\",\"occurredAt\":\"" + now.minusSeconds(60) + "\"}",
                null);
        assertThat(symptom.statusCode()).as(symptom.body()).isEqualTo(200);
        assertThat(everything()).doesNotContain(ID_NUMBER);

        // the quarantined household orders supplies: volunteer-service's delivery is keyed by the person
        HttpResponse<String> supply = post("operator", "/api/v1/quarantines/" + caseId + "/supply-requests",
                "{\"items\":[\"大米 5kg\"],\"address\":\"" + DELIVERY_ADDRESS + "\",\"notes\":\"" + DELIVERY_NOTE + "\"}",
                "erasure-supply-" + caseId);
        assertThat(supply.statusCode()).as(supply.body()).isEqualTo(201);
        String location = supply.headers().firstValue("Location").orElseThrow();
        String requestId = location.substring(location.lastIndexOf('/') + 1);
        String orderId = UUID.nameUUIDFromBytes(("supply-request:" + requestId).getBytes(StandardCharsets.UTF_8)).toString();
        JsonNode order = Suite.json(await().atMost(Duration.ofSeconds(120)).until(
                () -> suite.get("operator", "/api/v1/deliveries/" + orderId), r -> r.statusCode() == 200));
        assertThat(order.path("address").asText()).isEqualTo(DELIVERY_ADDRESS);
        LocalDate orderDay = Instant.parse(order.path("orderedAt").asText()).atZone(ZONE).toLocalDate();
        assertThat(eventStores()).as("no plaintext in any event store")
                .doesNotContain(NAME, ID_NUMBER, PHONE, ADDRESS, NOTE, DELIVERY_ADDRESS, DELIVERY_NOTE);

        Instant endsAt = Instant.parse(Suite.json(suite.get("medic", "/api/v1/quarantines/" + caseId)).path("endsAt").asText());
        now = suite.advanceClock(Duration.between(now, endsAt.plus(Duration.ofHours(9))));
        HttpResponse<String> completed = post("operator", "/api/v1/quarantines/" + caseId + "/completion", "", null);
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(trailTypes(person))
                .contains("QuarantineCompleted", "QuarantineEndNoted"));
        LocalDate endDay = now.atZone(ZONE).toLocalDate();

        now = suite.advanceClock(Duration.ofDays(31));
        String arrivedPerson = unknownArrival();
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(trailTypes(arrivedPerson)).contains("UnregisteredArrivalFlagged"));
        assertThat(eventStores()).doesNotContain(ARRIVAL_NAME, ARRIVAL_ID_NUMBER, ARRIVAL_PHONE);
        assertThat(everything()).contains("arrival:");

        String colours = stable("/api/v1/boards/colours");
        String quarantine = stable("/api/v1/boards/quarantine?date=" + endDay);
        String deliveries = stable("/api/v1/deliveries/counts?from=" + orderDay + "&to=" + orderDay);
        int entries = trail(person).path("entries").size();
        assertThat(everything()).contains(NAME);

        HttpResponse<String> erased = erase(person, "retention ended");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(201);
        HttpResponse<String> erasedArrival = erase(arrivedPerson, "found at a gate, purpose ended");
        assertThat(erasedArrival.statusCode()).as(erasedArrival.body()).isEqualTo(201);
        assertThat(Suite.json(erasedArrival).path("personId").asText()).isEqualTo(arrivedPerson);

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(everything()).doesNotContain(NAME, ID_NUMBER, PHONE, ADDRESS, NOTE,
                        DELIVERY_ADDRESS, DELIVERY_NOTE, ARRIVAL_NAME, ARRIVAL_ID_NUMBER, ARRIVAL_PHONE));
        // the delivery read model scrubs when its registry-sourced group reaches PersonErased: wait for it
        JsonNode delivered = await().atMost(Duration.ofSeconds(120)).until(
                () -> Suite.json(suite.get("operator", "/api/v1/deliveries/" + orderId)),
                shown -> "[erased]".equals(shown.path("address").asText()));
        assertThat(delivered.path("address").asText()).isEqualTo("[erased]");
        assertThat(delivered.path("notes").asText()).isEqualTo("[erased]");
        assertThat(delivered.path("items").get(0).asText()).isEqualTo("大米 5kg");
        assertThat(stable("/api/v1/deliveries/counts?from=" + orderDay + "&to=" + orderDay)).isEqualTo(deliveries);
        JsonNode arrivedShown = Suite.json(suite.get("operator", "/api/v1/persons/" + arrivedPerson));
        assertThat(arrivedShown.path("name").asText()).isEqualTo("[erased]");
        assertThat(trailTypes(arrivedPerson)).contains("UnregisteredArrivalFlagged", "PersonErased");
        JsonNode trail = await().atMost(Duration.ofSeconds(60)).until(() -> trail(person),
                t -> t.path("entries").findValuesAsText("type").contains("PersonErased"));
        assertThat(trail.path("entries").size()).isEqualTo(entries + 1);
        assertThat(trail.toString()).doesNotContain(NAME, PHONE, ADDRESS, NOTE);
        assertThat(trail.path("entries").findValuesAsText("type"))
                .contains("PersonRegistered", "QuarantineStarted", "SymptomReported", "QuarantineCompleted");
        JsonNode shown = Suite.json(suite.get("operator", "/api/v1/persons/" + person));
        assertThat(shown.path("name").asText()).isEqualTo("[erased]");
        assertThat(stable("/api/v1/boards/colours")).isEqualTo(colours);
        assertThat(stable("/api/v1/boards/quarantine?date=" + endDay)).isEqualTo(quarantine);
        assertThat(erase(person, "retention ended").statusCode()).isEqualTo(200);
    }

    /**
     * Someone unknown to the registry comes in at a gate (from outside Hubei, so no quarantine): the
     * checkpoint keys what it recorded by the arrival, the registry registers them and links it.
     * Returns the registry's id for them.
     */
    private static String unknownArrival() {
        HttpResponse<String> created = post("operator", "/api/v1/checkpoints", """
                {"name": "燕子坞渡口（示例）", "kind": "ROAD_JUNCTION", "location": "镇平县 燕子坞渡口", "passRequiredToGoOut": false}
                """, "erasure-checkpoint");
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        String checkpoint = Suite.json(created).path("id").asText();
        HttpResponse<String> opened = post("operator", "/api/v1/checkpoints/" + checkpoint + "/open", "", null);
        assertThat(opened.statusCode()).as(opened.body()).isIn(200, 201, 204);
        JsonNode crossing = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            HttpResponse<String> crossed = post("operator", "/api/v1/checkpoints/" + checkpoint + "/crossings", """
                    {"tabletId": "erasure-tablet-1", "sequence": %d, "subject": "PERSON", "direction": "IN",
                     "occurredAt": "%s", "temperatureCelsius": 36.5, "residentIdNumber": "%s", "name": "%s",
                     "phone": "%s", "origin": "ELSEWHERE", "comingFrom": "大理"}
                    """.formatted(TABLET_SEQUENCE.incrementAndGet(), suite.advanceClock(Duration.ZERO).minusSeconds(5),
                    ARRIVAL_ID_NUMBER, ARRIVAL_NAME, ARRIVAL_PHONE), null);
            return crossed.statusCode() == 200 || crossed.statusCode() == 201 ? Suite.json(crossed) : null;
        }, c -> c != null);
        assertThat(crossing.path("unregisteredArrival").asBoolean()).as(crossing.toString()).isTrue();
        return await().atMost(Duration.ofSeconds(120)).until(() -> {
            JsonNode persons = Suite.json(suite.get("operator", "/api/v1/persons?origin=ELSEWHERE&limit=200"));
            for (JsonNode item : persons.path("items")) {
                if (ARRIVAL_NAME.equals(item.path("name").asText())) {
                    return item.path("id").asText();
                }
            }
            return null;
        }, id -> id != null);
    }

    /** The event commits of every service's store, as stored. */
    private static String eventStores() {
        StringBuilder all = new StringBuilder();
        try (MongoClient mongo = MongoClients.create(suite.store.uri())) {
            for (String name : mongo.listDatabaseNames()) {
                mongo.getDatabase(name).getCollection("event_commits").find()
                        .forEach((Document d) -> all.append(d.toJson()).append('\n'));
            }
        }
        return all.toString();
    }

    /**
     * A POST through the gateway, repeated with the same Idempotency-Key while the gateway times out
     * (502–504) or the first attempt is still in flight: on a loaded machine a service may answer late.
     */
    private static HttpResponse<String> post(String as, String path, String body, String key) {
        String idempotencyKey = key != null ? key : "erasure-" + UUID.randomUUID();
        HttpResponse<String> response = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            response = suite.post(as, path, body, idempotencyKey);
            boolean late = response.statusCode() >= 502 && response.statusCode() <= 504;
            boolean inFlight = response.statusCode() == 409 && response.body().contains("idempotency-in-flight");
            if (!late && !inFlight) {
                return response;
            }
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return response;
    }

    /** The board once two reads a few seconds apart agree (projections catch up asynchronously). */
    private static String stable(String path) {
        String[] last = {null};
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            HttpResponse<String> response = suite.get("operator", path);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            String board = numbers(Suite.json(response));
            String previous = last[0];
            last[0] = board;
            return board.equals(previous) ? board : null;
        }, board -> board != null);
    }

    /** The board without its timestamps (when it was made moves with every read). */
    private static String numbers(JsonNode board) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = board.deepCopy();
        List<String> times = new java.util.ArrayList<>();
        copy.fields().forEachRemaining(field -> {
            if (field.getValue().isTextual() && isInstant(field.getValue().asText())) {
                times.add(field.getKey());
            }
        });
        copy.remove(times);
        return canonical(copy);
    }

    /** Objects with sorted keys, arrays with sorted elements: the board's order is not part of its numbers. */
    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            java.util.TreeMap<String, String> fields = new java.util.TreeMap<>();
            node.fields().forEachRemaining(f -> fields.put(f.getKey(), canonical(f.getValue())));
            return fields.toString();
        }
        if (node.isArray()) {
            List<String> elements = new java.util.ArrayList<>();
            node.forEach(e -> elements.add(canonical(e)));
            java.util.Collections.sort(elements);
            return elements.toString();
        }
        return node.toString();
    }

    private static boolean isInstant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static JsonNode trail(String person) {
        HttpResponse<String> response = suite.get("operator", "/api/v1/persons/" + person + "/trail");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Suite.json(response);
    }

    private static List<String> trailTypes(String person) {
        return trail(person).path("entries").findValuesAsText("type");
    }

    /** The erasure at the registry itself (no gateway route yet), as an admin signed like the gateway does. */
    private static HttpResponse<String> erase(String person, String reason) {
        String path = "/api/v1/admin/privacy/persons/" + person + "/erasure";
        String identity = new IdentityCodec(suite.identityKey, Clock.systemUTC()).sign(new SignedIdentity(
                "e2e-admin", "admin", "*", List.of(), "POST", path, Instant.now().plusSeconds(30)));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + suite.ports.get("registry") + path))
                .header(IdentityCodec.HEADER, identity).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"" + reason + "\"}"))
                .timeout(Duration.ofSeconds(30)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every document of every collection of every database, as stored; binaries decoded as UTF-8 too. */
    private static String everything() {
        StringBuilder all = new StringBuilder();
        try (MongoClient mongo = MongoClients.create(suite.store.uri())) {
            for (String name : mongo.listDatabaseNames()) {
                MongoDatabase db = mongo.getDatabase(name);
                for (String collection : db.listCollectionNames()) {
                    db.getCollection(collection).find().forEach((Document d) -> {
                        all.append(d.toJson()).append('\n');
                        binaries(d, all);
                    });
                }
            }
        }
        return all.toString();
    }

    private static void binaries(Object value, StringBuilder all) {
        if (value instanceof Binary binary) {
            all.append(new String(binary.getData(), StandardCharsets.UTF_8)).append('\n');
        } else if (value instanceof Document document) {
            document.values().forEach(v -> binaries(v, all));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> binaries(v, all));
        }
    }
}
