package org.lianfang.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole suite through the gateway: the trail, the county stream and the flows across services. */
@Order(40)
@ExtendWith(SharedSuite.Extension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WholeSuiteIT {

    static Suite suite;
    static final AtomicInteger SERIAL = new AtomicInteger(100);

    @BeforeAll
    static void start(Suite shared) {
        suite = shared;
    }

    /** A fake resident ID number with a valid GB 11643 check digit. */
    static String idNumber(int serial) {
        String body = "411324199001" + String.format("%02d", 1 + serial % 28) + String.format("%03d", serial % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    static String register(String name, String origin) {
        int serial = SERIAL.incrementAndGet();
        HttpResponse<String> created = suite.post("operator", "/api/v1/persons", """
                {"name": "%s", "residentIdNumber": "%s", "phone": "19900000%03d", "origin": "%s",
                 "arrivalDate": "2020-01-24", "compound": "安国小区", "source": "SELF_REPORTED"}
                """.formatted(name, idNumber(serial), serial % 1000, origin), "e2e-person-" + serial);
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        return Suite.json(created).path("id").asText();
    }

    @Test
    @Order(1)
    void aWuhanReturneesTrailSpansRegistryAndQuarantineWithItsEarlierState() {
        String person = register("赵超（示例）", "WUHAN");

        JsonNode trail = await().atMost(Duration.ofSeconds(60)).until(
                () -> Suite.json(suite.get("operator", "/api/v1/persons/" + person + "/trail")),
                t -> t.path("entries").findValuesAsText("type").contains("QuarantineStarted"));

        assertThat(trail.path("complete").asBoolean()).isTrue();
        List<String> types = trail.path("entries").findValuesAsText("type");
        assertThat(types.get(0)).isEqualTo("PersonRegistered");
        assertThat(trail.path("entries").findValuesAsText("service")).contains("registry", "quarantine");
        assertThat(trail.toString()).doesNotContain(idNumber(SERIAL.get()));
        assertThat(trail.path("state").path("quarantine").asText()).isEqualTo("ACTIVE");

        String registeredAt = trail.path("entries").get(0).path("recordedAt").asText();
        JsonNode then = Suite.json(suite.get("operator", "/api/v1/persons/" + person + "/trail?asOf="
                + URLEncoder.encode(registeredAt, StandardCharsets.UTF_8)));
        assertThat(then.path("entries").findValuesAsText("type")).doesNotContain("QuarantineStarted");
        assertThat(then.path("state").path("quarantine").asText()).isEqualTo("NONE");

        assertThat(suite.get("other-operator", "/api/v1/persons/" + person + "/trail").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void theCountyStreamDeliversEveryEventOnceInOrderWhileWritingAndAServiceRestarts() throws Exception {
        // the suite is shared: what earlier classes wrote is read past first, and compared against at the end
        Set<String> earlier = new HashSet<>();
        Map<String, Long> before = new HashMap<>();
        String cursor = "";
        for (JsonNode page = null; page == null || !page.path("events").isEmpty(); ) {
            HttpResponse<String> response = suite.get("county", "/api/v1/streams/events?limit=500&after="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            page = Suite.json(response);
            page.path("events").forEach(e -> {
                earlier.add(e.path("id").asText());
                before.merge(e.path("source").asText(), Long.parseLong(e.path("sequence").asText()), Math::max);
            });
            cursor = page.path("next").asText();
        }
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 12; i++) {
                register("流" + i + "（示例）", i % 2 == 0 ? "WUHAN" : "ELSEWHERE");
            }
        });
        writer.start();
        List<JsonNode> delivered = new ArrayList<>();
        boolean restarted = false;
        int quietPages = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        JsonNode lastBody = null;
        for (int page = 0; quietPages < 5; page++) {
            assertThat(System.nanoTime()).as("the stream settles; last page: " + lastBody).isLessThan(deadline);
            HttpResponse<String> response = suite.get("county", "/api/v1/streams/events?limit=3&after="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = Suite.json(response);
            lastBody = body;
            body.path("events").forEach(delivered::add);
            cursor = body.path("next").asText();
            if (!restarted && delivered.size() >= 6) {
                suite.restart("quarantine");
                restarted = true;
            }
            boolean idle = body.path("events").isEmpty() && body.path("partial").isEmpty()
                    && body.path("settling").isEmpty() && !writer.isAlive();
            quietPages = idle ? quietPages + 1 : 0;
            if (body.path("events").isEmpty()) {
                Thread.sleep(300);
            }
        }
        writer.join();
        assertThat(restarted).isTrue();

        Set<String> ids = new HashSet<>();
        Map<String, Long> lastSequence = new HashMap<>();
        for (JsonNode event : delivered) {
            assertThat(ids.add(event.path("id").asText())).as("delivered once: " + event).isTrue();
            String source = event.path("source").asText();
            long sequence = Long.parseLong(event.path("sequence").asText());
            // in index order within a source: the stream waits at a young gap (lianfang.streams.settle) for the
            // commit still in flight below it. Only a writer stalled longer than that makes a commit late: the cursor
            // kept its gap and delivers it when it fills (StreamCursor), once, and never one from before this window
            if (sequence <= lastSequence.getOrDefault(source, -1L)) {
                assertThat(sequence).as("a late commit of this window, not an old one: " + event)
                        .isGreaterThan(before.getOrDefault(source, -1L));
                System.err.println("[stream] late commit delivered when its gap filled: " + source + " " + sequence);
            }
            lastSequence.merge(source, sequence, Math::max);
        }
        Set<String> stored = new HashSet<>();
        try (MongoClient mongo = MongoClients.create(suite.store.uri())) {
            for (String service : Suite.SERVICES) {
                for (Document commit : mongo.getDatabase("lianfang_" + service).getCollection("event_commits").find()) {
                    commit.getList("events", Document.class).forEach(e -> stored.add(e.getString("id")));
                }
            }
        }
        stored.removeAll(earlier);
        assertThat(ids).isEqualTo(stored);
    }

    static String caseOf(String person) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode items = Suite.json(suite.get("operator", "/api/v1/quarantines?personId=" + person)).path("items");
            return items.isEmpty() ? null : items.get(0).path("id").asText(null);
        }, id -> id != null);
    }

    @Test
    @Order(3)
    void aFeverIsReferredToTheClinicOnceAndASupplyRequestIsDeliveredToTheDoorByAVolunteerAndTheTrailShowsAllFourServices() {
        String person = register("钱敏（示例）", "WUHAN");
        String caseId = caseOf(person);

        HttpResponse<String> reading = suite.post("medic", "/api/v1/quarantines/" + caseId + "/temperatures",
                "{\"celsius\": 38.4, \"method\": \"AXILLARY\", \"occurredAt\": \"" + Instant.now().minusSeconds(60) + "\"}",
                "e2e-fever-" + caseId);
        assertThat(reading.statusCode()).as(reading.body()).isIn(200, 201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(suite.clinic.findAll(
                WireMock.postRequestedFor(WireMock.urlPathEqualTo("/api/v1/referrals"))
                        .withRequestBody(WireMock.containing(caseId)))).hasSize(1));
        assertThat(suite.clinic.findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo("/api/v1/referrals"))
                .withRequestBody(WireMock.containing(caseId))).get(0).getHeader("Idempotency-Key")).isNotBlank();

        HttpResponse<String> requested = suite.post("operator", "/api/v1/quarantines/" + caseId + "/supply-requests",
                "{\"items\": [\"大米 5kg\", \"布洛芬\"], \"address\": \"安国小区 3号楼 2单元 502\"}", "e2e-supply-" + caseId);
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        String location = requested.headers().firstValue("Location").orElseThrow();
        String requestId = location.substring(location.lastIndexOf('/') + 1);
        String orderId = UUID.nameUUIDFromBytes(("supply-request:" + requestId).getBytes(StandardCharsets.UTF_8)).toString();

        HttpResponse<String> enrolled = suite.post("operator", "/api/v1/volunteers",
                "{\"name\": \"李雷（示例）\", \"phone\": \"13800000001\", \"kind\": \"PARTY_MEMBER\"}", "e2e-volunteer-1");
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        String volunteer = Suite.json(enrolled).path("id").asText();

        JsonNode order = Suite.json(await().atMost(Duration.ofSeconds(60)).until(
                () -> suite.get("operator", "/api/v1/deliveries/" + orderId), r -> r.statusCode() == 200));
        assertThat(order.path("contactFree").asBoolean()).isTrue();
        assertThat(order.path("supplyRequestId").asText()).isEqualTo(requestId);

        assertThat(suite.post("operator", "/api/v1/deliveries/" + orderId + "/acceptance",
                "{\"volunteerId\": \"" + volunteer + "\"}", null).statusCode()).isEqualTo(200);
        for (String step : List.of("pickup", "disinfection", "drop-off")) {
            HttpResponse<String> advanced = suite.post("operator", "/api/v1/deliveries/" + orderId + "/" + step, "", null);
            assertThat(advanced.statusCode()).as(step + ": " + advanced.body()).isEqualTo(200);
        }
        HttpResponse<String> illegal = suite.post("operator", "/api/v1/deliveries/" + orderId + "/pickup", "", null);
        assertThat(illegal.statusCode()).isEqualTo(409);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                Suite.json(suite.get("operator", "/api/v1/supply-requests/" + requestId)).path("delivered").asBoolean())
                .isTrue());
        // the same person crosses a checkpoint: the trail is now one timeline over all four services
        JsonNode crossed = cross(openCheckpoint("安国路 菜市场口"), "IN", "\"personId\": \"" + person + "\"");
        assertThat(crossed).as("the crossing is recorded").isNotNull();
        String path = "/api/v1/persons/" + person + "/trail";
        JsonNode trail = await().atMost(Duration.ofSeconds(60)).until(() -> Suite.json(suite.get("operator", path)),
                t -> t.path("entries").findValuesAsText("service").containsAll(
                        List.of("registry", "quarantine", "volunteer", "checkpoint")));
        assertThat(trail.path("complete").asBoolean()).isTrue();
        assertThat(trail.path("entries").findValuesAsText("type")).contains("PersonRegistered", "QuarantineStarted",
                "FeverDetected", "SupplyRequested", "CrossingRecorded");
        List<Instant> happened = new ArrayList<>();
        trail.path("entries").forEach(e -> happened.add(Instant.parse(e.path("occurredAt").asText())));
        assertThat(happened).as("one timeline, in the order it happened").isSorted();

        // as it was known just before the first delivery event was recorded: no delivery, no crossing yet
        Instant firstDelivery = null;
        for (JsonNode e : trail.path("entries")) {
            Instant recorded = Instant.parse(e.path("recordedAt").asText());
            if ("volunteer".equals(e.path("service").asText()) && (firstDelivery == null || recorded.isBefore(firstDelivery))) {
                firstDelivery = recorded;
            }
        }
        JsonNode before = Suite.json(suite.get("operator", path + "?asOf="
                + URLEncoder.encode(firstDelivery.minusMillis(1).toString(), StandardCharsets.UTF_8)));
        assertThat(before.path("entries").findValuesAsText("service")).contains("registry", "quarantine")
                .doesNotContain("volunteer", "checkpoint");
        assertThat(before.path("entries").size()).isLessThan(trail.path("entries").size());
    }

    static final AtomicInteger TABLET_SEQUENCE = new AtomicInteger();

    static String openCheckpoint(String name) {
        HttpResponse<String> created = suite.post("operator", "/api/v1/checkpoints", """
                {"name": "%s", "kind": "ROAD_JUNCTION", "location": "镇平县 安国路与建设路交叉口", "passRequiredToGoOut": false}
                """.formatted(name), "e2e-checkpoint-" + Integer.toHexString(name.hashCode()));
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        String id = Suite.json(created).path("id").asText();
        HttpResponse<String> opened = suite.post("operator", "/api/v1/checkpoints/" + id + "/open", "", null);
        assertThat(opened.statusCode()).as(opened.body()).isIn(200, 201, 204);
        return id;
    }

    static JsonNode cross(String checkpoint, String direction, String subjectFields) {
        HttpResponse<String> crossing = suite.post("operator", "/api/v1/checkpoints/" + checkpoint + "/crossings", """
                {"tabletId": "north-gate-tablet-1", "sequence": %d, "subject": "PERSON", "direction": "%s",
                 "occurredAt": "%s", "temperatureCelsius": 36.5, %s}
                """.formatted(TABLET_SEQUENCE.incrementAndGet(), direction, Instant.now().minusSeconds(5), subjectFields), null);
        return crossing.statusCode() == 201 || crossing.statusCode() == 200 ? Suite.json(crossing) : null;
    }

    @Test
    @Order(4)
    void aQuarantinedPersonIsDeniedAtTheNorthGateTheCaseShowsTheAttemptAndTheRegistryTurnsThemRed() {
        String checkpoint = openCheckpoint("安国路与建设路口");
        String person = register("孙强（示例）", "WUHAN");
        String caseId = caseOf(person);

        JsonNode denied = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(
                () -> cross(checkpoint, "OUT", "\"personId\": \"" + person + "\""),
                c -> c != null && "DENIED".equals(c.path("decision").asText()));
        assertThat(denied.path("rule").asText()).isNotBlank();
        assertThat(denied.path("ruleVersion").asText()).isNotBlank();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                Suite.json(suite.get("operator", "/api/v1/quarantines/" + caseId)).path("breaches")).isNotEmpty());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                Suite.json(suite.get("operator", "/api/v1/persons/" + person + "/colour")).path("colour").asText())
                .isEqualTo("RED"));
        JsonNode trail = Suite.json(suite.get("operator", "/api/v1/persons/" + person + "/trail"));
        assertThat(trail.path("entries").findValuesAsText("service")).contains("checkpoint", "quarantine", "registry");
    }

    @Test
    @Order(5)
    void anUnknownArrivalFromWuhanBecomesAProvisionalRedPersonInTheRegistry() {
        String checkpoint = openCheckpoint("安国路北口");
        String idNumber = idNumber(SERIAL.incrementAndGet());
        JsonNode crossing = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(
                () -> cross(checkpoint, "IN", """
                        "residentIdNumber": "%s", "name": "周未报（示例）", "origin": "WUHAN", "comingFrom": "武汉"
                        """.formatted(idNumber)), c -> c != null);
        assertThat(crossing.path("unregisteredArrival").asBoolean()).isTrue();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode persons = Suite.json(suite.get("operator", "/api/v1/persons?origin=WUHAN&colour=RED&limit=200"));
            assertThat(persons.path("items").findValuesAsText("name")).contains("周未报（示例）");
        });
    }

    @Test
    @Order(6)
    void aShiftAtTheNorthGateShowsACoverageGapUntilItsVolunteersAreOnDuty() {
        String checkpoint = openCheckpoint("安国路与建设路口 志愿岗");
        Instant now = Instant.now();
        Instant thisHour = now.truncatedTo(ChronoUnit.HOURS);
        String window = "from=" + thisHour + "&to=" + thisHour.plusSeconds(3600);
        HttpResponse<String> shift = await().atMost(Duration.ofSeconds(60)).until(() -> suite.post("operator", "/api/v1/shifts", """
                {"checkpointId": "%s", "startsAt": "%s", "endsAt": "%s", "requiredHeadcount": 2}
                """.formatted(checkpoint, now.minusSeconds(600), now.plusSeconds(3600)), null), r -> r.statusCode() == 201);
        String shiftId = Suite.json(shift).path("id").asText();

        // the coverage read model follows the shift's events: wait for it rather than read once
        JsonNode before = await().atMost(Duration.ofSeconds(60)).until(
                () -> Suite.json(suite.get("operator", "/api/v1/shifts/coverage?" + window)),
                coverage -> !gapsNow(coverage, checkpoint, thisHour).isEmpty());
        assertThat(gapsNow(before, checkpoint, thisHour)).as(before.toString()).isNotEmpty();

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> enrolled = suite.post("operator", "/api/v1/volunteers",
                    "{\"name\": \"值守" + i + "（示例）\", \"phone\": \"1390000000" + i + "\", \"kind\": \"VETERAN\"}",
                    "e2e-shift-volunteer-" + i);
            String volunteer = Suite.json(enrolled).path("id").asText();
            assertThat(suite.post("operator", "/api/v1/shifts/" + shiftId + "/assignments",
                    "{\"volunteerId\": \"" + volunteer + "\"}", null).statusCode()).isIn(200, 201);
            assertThat(suite.post("operator", "/api/v1/shifts/" + shiftId + "/check-ins",
                    "{\"volunteerId\": \"" + volunteer + "\"}", null).statusCode()).isIn(200, 201);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode after = Suite.json(suite.get("operator", "/api/v1/shifts/coverage?" + window));
            assertThat(gapsNow(after, checkpoint, thisHour)).as(after.toString()).isEmpty();
        });
    }

    /** The coverage gaps of {@code checkpoint} in the hour starting at {@code hour}. */
    static List<JsonNode> gapsNow(JsonNode coverage, String checkpoint, Instant hour) {
        List<JsonNode> gaps = new ArrayList<>();
        for (JsonNode gap : coverage.path("gaps")) {
            if (gap.path("checkpointId").asText().equals(checkpoint)
                    && Instant.parse(gap.path("hour").asText()).equals(hour)) {
                gaps.add(gap);
            }
        }
        return gaps;
    }

    @Test
    @Order(7)
    void threeUnreachableCallsTurnAReturneeRedWithTheReasonAndReachingAndVerifyingThemTurnsThemBlue() {
        String person = register("吴静（示例）", "WUHAN");
        caseOf(person);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> call = suite.post("operator", "/api/v1/persons/" + person + "/trace-calls",
                    "{\"outcome\": \"UNREACHABLE\", \"note\": \"电话无人接听\"}", "e2e-call-" + person + "-" + i);
            assertThat(call.statusCode()).as(call.body()).isIn(200, 201, 202);
        }
        JsonNode red = Suite.json(await().atMost(Duration.ofSeconds(30)).until(
                () -> suite.get("operator", "/api/v1/persons/" + person + "/colour"),
                r -> "RED".equals(Suite.json(r).path("colour").asText())));
        assertThat(red.toString()).contains("UNREACHABLE");

        assertThat(suite.post("operator", "/api/v1/persons/" + person + "/trace-calls",
                "{\"outcome\": \"REACHED\"}", "e2e-call-" + person + "-reached").statusCode()).isIn(200, 201, 202);
        assertThat(suite.post("operator", "/api/v1/persons/" + person + "/verification",
                "{\"inHomeQuarantine\": true}", "e2e-verify-" + person).statusCode()).isIn(200, 201, 202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                Suite.json(suite.get("operator", "/api/v1/persons/" + person + "/colour")).path("colour").asText())
                .isEqualTo("BLUE"));
    }

    @Test
    @Order(8)
    void anEventAlteredInTheDatabaseShowsAsTamperedInTheTrail() {
        String person = register("郑改（示例）", "ELSEWHERE");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode trail = Suite.json(suite.get("auditor", "/api/v1/persons/" + person + "/trail?reason=e2e-audit"));
            JsonNode registry = null;
            for (JsonNode service : trail.path("services")) {
                if (service.path("service").asText().equals("registry")) {
                    registry = service;
                }
            }
            assertThat(registry).isNotNull();
            assertThat(registry.path("chain").path("status").asText()).isEqualTo("verified");
            // every registry event of the trail is chained already, so altering one now is caught
            assertThat(registry.path("chain").path("checked").asInt()).isEqualTo(registry.path("events").asInt());
            assertThat(trail.path("chainsVerified").asBoolean()).isTrue();
        });

        try (MongoClient mongo = MongoClients.create(suite.store.uri())) {
            var commits = mongo.getDatabase("lianfang_registry").getCollection("event_commits");
            Document commit = commits.find(new Document("agg", person)).first();
            assertThat(commit).as("the registration's commit").isNotNull();
            List<Document> events = commit.getList("events", Document.class);
            // the origin, not the name: with crypto-shredding on the name is stored encrypted
            String payload = events.get(0).getString("p");
            assertThat(payload).contains("\"ELSEWHERE\"");
            events.get(0).put("p", payload.replace("\"ELSEWHERE\"", "\"LOCAL\""));
            commits.replaceOne(new Document("_id", commit.get("_id")), commit);
        }

        JsonNode trail = Suite.json(suite.get("auditor", "/api/v1/persons/" + person + "/trail?reason=e2e-audit"));
        assertThat(trail.path("chainsVerified").asBoolean()).isFalse();
        assertThat(trail.path("services").toString()).contains("\"status\":\"tampered\"");
    }

    /**
     * Fourteen simulated days (the services run on the platform's adjustable clock): a Wuhan returnee
     * arriving today gets a case, two readings a day, one fever is referred to the clinic once, completion
     * is refused while the period runs and allowed once it is over. Runs last: it moves every clock forward.
     */
    @Test
    @Order(100)
    void aWuhanReturneeLivesThroughFourteenSimulatedDaysAndCompletesOnlyWhenThePeriodIsOver() {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        Instant now = suite.advanceClock(Duration.ZERO);
        LocalDate arrival = now.atZone(zone).toLocalDate();
        int serial = SERIAL.incrementAndGet();
        HttpResponse<String> created = suite.post("operator", "/api/v1/persons", """
                {"name": "孙立（示例）", "residentIdNumber": "%s", "phone": "19900000%03d", "origin": "WUHAN",
                 "arrivalDate": "%s", "compound": "安国小区", "source": "SELF_REPORTED"}
                """.formatted(idNumber(serial), serial % 1000, arrival), "e2e-person-" + serial);
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        String person = Suite.json(created).path("id").asText();
        String caseId = caseOf(person);
        JsonNode started = Suite.json(suite.get("medic", "/api/v1/quarantines/" + caseId));
        Instant endsAt = Instant.parse(started.path("endsAt").asText());
        assertThat(endsAt).isEqualTo(arrival.plusDays(14).atStartOfDay(zone).toInstant());
        assertThat(started.path("totalDays").asLong()).isEqualTo(14);

        int readings = 0;
        for (int day = 1; day <= 14; day++) {
            for (LocalTime at : List.of(LocalTime.of(8, 0), LocalTime.of(19, 0))) {
                Instant target = arrival.plusDays(day - 1).atTime(at).atZone(zone).toInstant();
                if (target.isBefore(now)) {
                    continue;
                }
                now = suite.advanceClock(Duration.between(now, target));
                boolean fever = day == 5 && at.getHour() == 19;
                HttpResponse<String> reading = suite.post("medic", "/api/v1/quarantines/" + caseId + "/temperatures",
                        "{\"celsius\": " + (fever ? "38.5" : "36." + (day % 8)) + ", \"method\": \"AXILLARY\", \"occurredAt\": \""
                                + now.minusSeconds(30) + "\"}", "e2e-14d-" + caseId + "-" + day + "-" + at.getHour());
                assertThat(reading.statusCode()).as("day " + day + " " + at + ": " + reading.body()).isIn(200, 201);
                readings++;
            }
            if (day == 13) {
                HttpResponse<String> early = suite.post("operator", "/api/v1/quarantines/" + caseId + "/completion", "", null);
                assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
                assertThat(early.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(Suite.json(early).path("rule").asText()).isEqualTo("quarantine-period-not-over");
                assertThat(Suite.json(suite.get("medic", "/api/v1/quarantines/" + caseId)).path("day").asLong())
                        .isEqualTo(13);
            }
        }
        String caseRef = caseId;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(suite.clinic.findAll(
                WireMock.postRequestedFor(WireMock.urlPathEqualTo("/api/v1/referrals"))
                        .withRequestBody(WireMock.containing(caseRef)))).hasSize(1));

        now = suite.advanceClock(Duration.between(now, endsAt.plus(Duration.ofHours(9))));
        HttpResponse<String> completed = suite.post("operator", "/api/v1/quarantines/" + caseId + "/completion", "", null);
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        JsonNode done = Suite.json(suite.get("medic", "/api/v1/quarantines/" + caseId));
        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("readings")).hasSizeGreaterThanOrEqualTo(readings);
        assertThat(done.path("fevers")).hasSize(1);
        assertThat(suite.clinic.findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo("/api/v1/referrals"))
                .withRequestBody(WireMock.containing(caseRef)))).hasSize(1);
        JsonNode trail = Suite.json(suite.get("operator", "/api/v1/persons/" + person + "/trail"));
        assertThat(trail.path("entries").findValuesAsText("type"))
                .contains("QuarantineStarted", "FeverDetected", "QuarantineCompleted");
    }
}
