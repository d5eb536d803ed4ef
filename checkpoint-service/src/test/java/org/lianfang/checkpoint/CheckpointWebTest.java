package org.lianfang.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.checkpoint.people.RegistryPeople;
import org.lianfang.checkpoint.tracing.query.CrossingTraces;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.registry.HouseholdMemberAdded;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.contracts.registry.ResidentIdNumber;
import org.lianfang.contracts.volunteer.ShiftCheckedIn;
import org.lianfang.contracts.volunteer.ShiftCheckedOut;
import org.lianfang.contracts.volunteer.ShiftId;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The HTTP surface: bad input refused naming the field with nothing stored, roles and jurisdiction,
 * temporary passes at the gate, the board, who was on duty, and projections that a replay leaves as
 * they were.
 */
class CheckpointWebTest extends CheckpointSpringTest {

    private static final Instant GATE_TIME = Instant.parse("2020-02-03T01:30:00Z");

    @Autowired
    EventProcessingConfiguration processing;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad check digit      | \"subject\":\"PERSON\",\"residentIdNumber\":\"411324199003074563\",\"direction\":\"IN\",\"temperatureCelsius\":36.5 | residentIdNumber",
            "born in 2999         | \"subject\":\"PERSON\",\"residentIdNumber\":\"411324299903074566\",\"direction\":\"IN\",\"temperatureCelsius\":36.5 | residentIdNumber",
            "both person and id   | \"subject\":\"PERSON\",\"personId\":\"p-1\",\"residentIdNumber\":\"411324199003074562\",\"direction\":\"IN\",\"temperatureCelsius\":36.5 | personId",
            "no person at all     | \"subject\":\"PERSON\",\"direction\":\"IN\",\"temperatureCelsius\":36.5 | personId",
            "too cold             | \"subject\":\"PERSON\",\"residentIdNumber\":\"411324199003074562\",\"direction\":\"IN\",\"temperatureCelsius\":33.9 | temperatureCelsius",
            "too hot              | \"subject\":\"PERSON\",\"residentIdNumber\":\"411324199003074562\",\"direction\":\"IN\",\"temperatureCelsius\":43.1 | temperatureCelsius",
            "no temperature       | \"subject\":\"PERSON\",\"residentIdNumber\":\"411324199003074562\",\"direction\":\"IN\" | temperatureCelsius",
            "bad plate            | \"subject\":\"VEHICLE\",\"plate\":\"AB-1234\",\"direction\":\"IN\" | plate",
            "vehicle without plate| \"subject\":\"VEHICLE\",\"direction\":\"IN\" | plate",
            "unknown direction    | \"subject\":\"PERSON\",\"residentIdNumber\":\"411324199003074562\",\"direction\":\"UP\",\"temperatureCelsius\":36.5 | direction",
            "unknown field        | \"subject\":\"PERSON\",\"residentIdNumber\":\"411324199003074562\",\"direction\":\"IN\",\"temperatureCelsius\":36.5,\"colour\":\"red\" | colour",
            "bad phone            | \"subject\":\"PERSON\",\"residentIdNumber\":\"411324199003074562\",\"direction\":\"IN\",\"temperatureCelsius\":36.5,\"phone\":\"123\" | phone",
    })
    void badCrossingsAreA400NamingTheFieldAndNothingIsStored(String description, String fields, String field) {
        String community = community();
        String gate = openGate(community, "compound-1", false);
        Map<String, Long> before = snapshot();

        HttpResponse<String> response = post(As.operator(community), "/api/v1/checkpoints/" + gate + "/crossings",
                "{\"tabletId\":\"tablet-1\",\"sequence\":1,\"occurredAt\":\"" + GATE_TIME + "\"," + fields + "}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("type").asText()).isEqualTo("https://lianfang.org/problems/validation");
        assertThat(json(response).get("errors")).extracting(e -> e.get("field").asText()).contains(field);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aCrossingFromTheFutureBeyondTheSkewIsRefusedAndUnknownThingsAre404() {
        String community = community();
        String gate = openGate(community, "compound-1", false);
        Map<String, Long> before = snapshot();

        HttpResponse<String> future = crossAt(community, gate, 1, "\"subject\":\"PERSON\",\"residentIdNumber\":\""
                + "411324199003074562\",\"direction\":\"IN\",\"temperatureCelsius\":36.5",
                CLOCK.instant().plus(Duration.ofMinutes(3)));
        HttpResponse<String> withinSkew = crossAt(community, gate, 2, "\"subject\":\"PERSON\",\"residentIdNumber\":\""
                + "411324199003074562\",\"direction\":\"IN\",\"temperatureCelsius\":36.5",
                CLOCK.instant().plus(Duration.ofMinutes(1)));
        Map<String, Long> afterSkew = snapshot();
        HttpResponse<String> unknownPerson = crossAt(community, gate, 3, "\"subject\":\"PERSON\",\"personId\":\""
                + PersonId.random() + "\",\"direction\":\"IN\",\"temperatureCelsius\":36.5", GATE_TIME);
        HttpResponse<String> unknownCheckpoint = crossAt(community, "checkpoint-nope", 4, "\"subject\":\"VEHICLE\","
                + "\"plate\":\"豫R12345\",\"direction\":\"IN\"", GATE_TIME);
        HttpResponse<String> unknownPass = crossAt(community, gate, 5, "\"subject\":\"VEHICLE\","
                + "\"plate\":\"豫R12345\",\"direction\":\"OUT\",\"passId\":\"pass-nope\"", GATE_TIME);

        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(json(future).get("errors").get(0).get("field").asText()).isEqualTo("occurredAt");
        assertThat(withinSkew.statusCode()).as(withinSkew.body()).isEqualTo(201);
        assertThat(afterSkew.get("event_commits")).isEqualTo(before.get("event_commits") + 1);
        assertThat(unknownPerson.statusCode()).isEqualTo(404);
        assertThat(unknownCheckpoint.statusCode()).isEqualTo(404);
        assertThat(unknownPass.statusCode()).isEqualTo(404);
        assertThat(snapshot().get("event_commits")).isEqualTo(afterSkew.get("event_commits"));
    }

    @Test
    void rolesAndJurisdictionAreEnforcedOnEveryEndpoint() {
        String community = community();
        String gate = openGate(community, "compound-1", false);
        String crossing = "{\"tabletId\":\"t\",\"sequence\":1,\"occurredAt\":\"" + GATE_TIME
                + "\",\"subject\":\"VEHICLE\",\"plate\":\"豫R12345\",\"direction\":\"IN\"}";
        String pass = "{\"compoundId\":\"compound-1\",\"householdId\":\"h-1\",\"validFrom\":\"2020-02-01T00:00:00Z\","
                + "\"validTo\":\"2020-02-15T00:00:00Z\",\"maxExits\":1,\"periodDays\":2}";

        assertThat(post(null, "/api/v1/checkpoints/" + gate + "/crossings", crossing).statusCode()).isEqualTo(401);
        assertThat(post(As.role("auditor", community), "/api/v1/checkpoints/" + gate + "/crossings", crossing)
                .statusCode()).isEqualTo(403);
        assertThat(post(As.role("medic", community), "/api/v1/passes", pass).statusCode()).isEqualTo(403);
        assertThat(post(As.role("county", "*"), "/api/v1/passes", pass).statusCode()).isEqualTo(403);
        assertThat(post(As.role("auditor", community), "/api/v1/checkpoints/" + gate + "/open", "").statusCode())
                .isEqualTo(403);
        assertThat(post(As.operator(community()), "/api/v1/checkpoints/" + gate + "/crossings", crossing).statusCode())
                .as("another community's operator").isEqualTo(404);
        assertThat(get(As.operator(community()), "/api/v1/checkpoints/" + gate).statusCode()).isEqualTo(404);
        assertThat(post(As.operator(community), "/api/v1/checkpoints/" + gate + "/crossings", crossing).statusCode())
                .isEqualTo(201);
        assertThat(get(As.role("county", "*"), "/api/v1/checkpoints/" + gate).statusCode()).isEqualTo(200);
        assertThat(get(As.role("auditor", community), "/api/v1/checkpoints/" + gate).statusCode()).isEqualTo(200);
        assertThat(get(new As("op-2", "operator", community, "compound-2"), "/api/v1/checkpoints/" + gate)
                .statusCode()).as("an operator limited to another compound").isEqualTo(404);
        HttpResponse<String> issued = post(As.operator(community), "/api/v1/passes", pass);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String passPath = "/api/v1/passes/" + json(issued).get("id").asText();
        assertThat(get(As.role("medic", community), passPath).statusCode()).isEqualTo(200);
        assertThat(get(As.operator(community()), passPath).statusCode()).isEqualTo(404);
        assertThat(post(As.role("medic", community), passPath + "/revocation", "{\"reason\":\"x\"}").statusCode())
                .isEqualTo(403);
        assertThat(json(get(As.role("auditor", community), "/api/v1/checkpoints")).get("items"))
                .extracting(c -> c.get("id").asText()).containsExactly(gate);
        assertThat(json(get(As.operator(community()), "/api/v1/checkpoints")).get("items")).isEmpty();
        PersonId elsewhere = PersonId.random();
        String other = community();
        member(other, elsewhere, 41, "household-x-" + other);
        awaitHousehold(elsewhere.value(), "household-x-" + other);
        assertThat(post(As.operator(community), "/api/v1/passes", pass.replace("\"householdId\":\"h-1\"",
                "\"personId\":\"" + elsewhere + "\"")).statusCode())
                .as("a pass for a person of another community").isEqualTo(404);
    }

    @Test
    void aClosedCompoundLetsAHouseholdOutOnceEveryTwoDaysWithAValidPass() {
        String community = community();
        String gate = openGate(community, "compound-7", true);
        String otherGate = openGate(community, "compound-7", true);
        String household = "household-" + community;
        PersonId mother = PersonId.random();
        PersonId son = PersonId.random();
        member(community, mother, 11, household);
        member(community, son, 12, household);
        awaitHousehold(son.value(), household);
        HttpResponse<String> issued = post(As.operator(community), "/api/v1/passes", "{\"compoundId\":\"compound-7\","
                + "\"householdId\":\"" + household + "\",\"validFrom\":\"2020-02-01T00:00:00Z\","
                + "\"validTo\":\"2020-02-10T00:00:00Z\",\"maxExits\":1,\"periodDays\":2,\"note\":\"买菜\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String passId = json(issued).get("id").asText();

        JsonNode noPass = json(out(community, gate, 1, mother, null, Instant.parse("2020-02-03T01:00:00Z")));
        JsonNode first = json(out(community, gate, 2, mother, passId, Instant.parse("2020-02-03T01:10:00Z")));
        JsonNode secondSamePeriod = json(out(community, otherGate, 3, son, passId, Instant.parse("2020-02-03T01:20:00Z")));
        JsonNode retryOfFirst = json(out(community, gate, 2, mother, passId, Instant.parse("2020-02-03T01:10:00Z")));
        JsonNode comingBack = json(post(As.operator(community), "/api/v1/checkpoints/" + gate + "/crossings",
                "{\"tabletId\":\"t\",\"sequence\":4,\"occurredAt\":\"2020-02-03T01:30:00Z\",\"subject\":\"PERSON\","
                        + "\"personId\":\"" + mother + "\",\"direction\":\"IN\",\"temperatureCelsius\":36.5}"));

        assertThat(noPass.get("rule").asText()).isEqualTo("pass-required");
        assertThat(first.get("decision").asText()).as(first.toString()).isEqualTo("ALLOWED");
        assertThat(secondSamePeriod.get("rule").asText()).isEqualTo("pass-over-used");
        assertThat(secondSamePeriod.get("reason").asText()).contains("1 exit(s) every 2 day(s)");
        assertThat(retryOfFirst.get("decision").asText()).isEqualTo("ALLOWED");
        assertThat(comingBack.get("decision").asText()).isEqualTo("ALLOWED");
        assertThat(json(get(As.operator(community), "/api/v1/passes/" + passId)).get("exits")).hasSize(1);

        CLOCK.set(Instant.parse("2020-02-08T02:00:00Z"));
        try {
            JsonNode nextPeriod = json(out(community, gate, 5, son, passId, Instant.parse("2020-02-05T02:00:00Z")));
            post(As.operator(community), "/api/v1/passes/" + passId + "/revocation", "{\"reason\":\"misused\"}");
            JsonNode afterRevocation = json(out(community, gate, 6, son, passId, Instant.parse("2020-02-08T02:00:30Z")));
            JsonNode lateUploadBeforeRevocation = json(out(community, gate, 7, mother, passId,
                    Instant.parse("2020-02-07T02:00:00Z")));

            assertThat(nextPeriod.get("decision").asText()).as(nextPeriod.toString()).isEqualTo("ALLOWED");
            assertThat(afterRevocation.get("rule").asText()).isEqualTo("pass-revoked");
            assertThat(lateUploadBeforeRevocation.get("decision").asText()).isEqualTo("ALLOWED");
        } finally {
            CLOCK.set(Instant.parse("2020-02-03T02:00:00Z"));
        }
        JsonNode lateInFirstPeriod = json(out(community, gate, 8, son, passId, Instant.parse("2020-02-03T01:59:00Z")));
        assertThat(lateInFirstPeriod.get("rule").asText()).as("the same period as the first exit").isEqualTo("pass-over-used");
    }

    @Test
    void theBoardCountsInAndOutPerHourDenialsByRuleAndPassesInUse() {
        String community = community();
        String gate = openGate(community, "compound-1", false);
        PersonId person = PersonId.random();
        member(community, person, 21, "household-b-" + community);
        awaitHousehold(person.value(), "household-b-" + community);
        crossAt(community, gate, 1, personFields(person, "IN", "36.5"), Instant.parse("2020-02-03T00:05:00Z"));
        crossAt(community, gate, 2, personFields(person, "OUT", "36.5"), Instant.parse("2020-02-03T00:45:00Z"));
        crossAt(community, gate, 3, personFields(person, "OUT", "38.2"), Instant.parse("2020-02-03T01:15:00Z"));
        post(As.operator(community), "/api/v1/passes", "{\"compoundId\":\"compound-1\",\"personId\":\"" + person
                + "\",\"validFrom\":\"2020-02-01T00:00:00Z\",\"validTo\":\"2020-02-10T00:00:00Z\",\"maxExits\":2,"
                + "\"periodDays\":1}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode board = json(get(As.role("county", "*"), "/api/v1/boards/checkpoints?date=2020-02-03"));
            JsonNode line = null;
            for (JsonNode l : board.get("checkpoints")) {
                if (l.get("checkpointId").asText().equals(gate)) {
                    line = l;
                }
            }
            assertThat(line).as(board.toString()).isNotNull();
            assertThat(line.get("in").asInt()).isEqualTo(1);
            assertThat(line.get("out").asInt()).isEqualTo(1);
            assertThat(line.get("denied").asInt()).isEqualTo(1);
            assertThat(line.get("fevers").asInt()).isEqualTo(1);
            assertThat(line.get("deniedByRule").get("fever-at-gate").asInt()).isEqualTo(1);
            assertThat(line.get("hours")).extracting(h -> h.get("hour").asText())
                    .containsExactly("2020-02-03T00", "2020-02-03T01");
            JsonNode mine = json(get(As.operator(community), "/api/v1/boards/checkpoints?date=2020-02-03"));
            assertThat(mine.get("checkpoints")).hasSize(1);
            assertThat(mine.get("passesByCompound").get("compound-1").get("validNow").asInt()).isEqualTo(1);
        });
    }

    @Test
    void volunteersOnDutyAtACheckpointAreKnownForTracing() {
        String community = community();
        String gate = openGate(community, "compound-1", false);
        ShiftId morning = ShiftId.random();
        ShiftId evening = ShiftId.random();
        publish("volunteer", community, "Shift", morning.value(),
                new ShiftCheckedIn(morning, CheckpointId.of(gate), VolunteerId.of("v-1"), "李雷",
                        Instant.parse("2020-02-02T23:00:00Z"), "leader-1"),
                new ShiftCheckedOut(morning, CheckpointId.of(gate), VolunteerId.of("v-1"),
                        Instant.parse("2020-02-03T04:00:00Z"), "leader-1"));
        publish("volunteer", community, "Shift", evening.value(),
                new ShiftCheckedIn(evening, CheckpointId.of(gate), VolunteerId.of("v-2"), "韩梅梅",
                        Instant.parse("2020-02-03T03:00:00Z"), "leader-1"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(onDuty(community, gate, "2020-02-03T01:00:00Z")).containsExactly("v-1");
            assertThat(onDuty(community, gate, "2020-02-03T03:30:00Z")).containsExactly("v-1", "v-2");
            assertThat(onDuty(community, gate, "2020-02-03T05:00:00Z")).containsExactly("v-2");
            assertThat(onDuty(community, gate, "2020-02-02T22:59:59Z")).isEmpty();
        });
    }

    /**
     * One level of contact tracing in one call: a 's crossings at 00:10 and 00:50 with who crossed the
     * same gate within 15 minutes (b at 00:20, c at 00:40; d at 01:30 is too late for both) and who was
     * on duty (v-1, 00:00 to 00:30); b's crossing with a's. Another community's caller sees none of it.
     */
    @Test
    void contactWindowsAnswerALevelOfTracingInOneCall() {
        String community = community();
        String gate = openGate(community, "compound-1", false);
        PersonId a = PersonId.random();
        PersonId b = PersonId.random();
        PersonId c = PersonId.random();
        PersonId d = PersonId.random();
        int n = 40;
        for (PersonId p : List.of(a, b, c, d)) {
            member(community, p, n++, "household-w-" + p.value());
        }
        for (PersonId p : List.of(a, b, c, d)) {
            awaitHousehold(p.value(), "household-w-" + p.value());
        }
        ShiftId shift = ShiftId.random();
        publish("volunteer", community, "Shift", shift.value(),
                new ShiftCheckedIn(shift, CheckpointId.of(gate), VolunteerId.of("v-1"), "李雷",
                        Instant.parse("2020-02-03T00:00:00Z"), "leader-1"),
                new ShiftCheckedOut(shift, CheckpointId.of(gate), VolunteerId.of("v-1"),
                        Instant.parse("2020-02-03T00:30:00Z"), "leader-1"));
        String a1 = json(crossAt(community, gate, 1, personFields(a, "OUT", "36.5"), Instant.parse("2020-02-03T00:10:00Z"))).get("id").asText();
        String b1 = json(crossAt(community, gate, 2, personFields(b, "IN", "36.5"), Instant.parse("2020-02-03T00:20:00Z"))).get("id").asText();
        String c1 = json(crossAt(community, gate, 3, personFields(c, "IN", "36.5"), Instant.parse("2020-02-03T00:40:00Z"))).get("id").asText();
        String a2 = json(crossAt(community, gate, 4, personFields(a, "IN", "36.5"), Instant.parse("2020-02-03T00:50:00Z"))).get("id").asText();
        crossAt(community, gate, 5, personFields(d, "OUT", "36.5"), Instant.parse("2020-02-03T01:30:00Z"));
        String path = "/api/v1/internal/tracing/windows?personIds=" + a + "," + b
                + "&from=2020-02-03T00:00:00Z&to=2020-02-03T02:00:00Z&windowSeconds=900";

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode answer = json(get(As.role("auditor", community), path));
            assertThat(answer.get("persons")).extracting(p -> p.get("personId").asText()).containsExactly(a.value(), b.value());
            JsonNode ofA = answer.get("persons").get(0).get("crossings");
            assertThat(ofA).extracting(x -> x.get("id").asText()).containsExactly(a1, a2);
            assertThat(ofA.get(0).get("nearby")).extracting(x -> x.get("id").asText()).containsExactly(a1, b1);
            assertThat(ofA.get(0).get("nearby").get(1).get("personId").asText()).isEqualTo(b.value());
            assertThat(ofA.get(0).get("onDuty")).extracting(x -> x.get("volunteerId").asText()).containsExactly("v-1");
            assertThat(ofA.get(1).get("nearby")).extracting(x -> x.get("id").asText()).containsExactly(c1, a2);
            assertThat(ofA.get(1).get("onDuty")).isEmpty();
            JsonNode ofB = answer.get("persons").get(1).get("crossings");
            assertThat(ofB).extracting(x -> x.get("id").asText()).containsExactly(b1);
            assertThat(ofB.get(0).get("nearby")).extracting(x -> x.get("id").asText()).containsExactly(a1, b1);
        });
        // the period is [from, to): a's second crossing alone
        JsonNode late = json(get(As.operator(community), path.replace("from=2020-02-03T00:00:00Z", "from=2020-02-03T00:45:00Z")));
        assertThat(late.get("persons").get(0).get("crossings")).extracting(x -> x.get("id").asText()).containsExactly(a2);
        JsonNode elsewhere = json(get(As.operator(community()), path));
        assertThat(elsewhere.get("persons").get(0).get("crossings")).as("another community sees none of them").isEmpty();

        HttpResponse<String> bad = get(As.operator(community),
                "/api/v1/internal/tracing/windows?personIds=a%20b&from=2020-02-03T00:00:00Z&to=2020-04-03T00:00:00Z&windowSeconds=0");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(bad).get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("personIds", "to", "windowSeconds");
        assertThat(get(As.operator(community), "/api/v1/internal/tracing/windows?from=2020-02-03T00:00:00Z")
                .body()).contains("\"personIds\"").contains("\"to\"");
    }

    @Test
    void replayingEveryProjectionChangesNothing() {
        String community = community();
        String gate = openGate(community, "compound-1", false);
        PersonId person = PersonId.random();
        member(community, person, 31, "household-c-" + community);
        awaitHousehold(person.value(), "household-c-" + community);
        crossAt(community, gate, 1, personFields(person, "IN", "36.5"), Instant.parse("2020-02-03T00:05:00Z"));
        crossAt(community, gate, 2, personFields(person, "OUT", "36.5"), Instant.parse("2020-02-03T00:45:00Z"));
        String window = "/api/v1/checkpoints/" + gate + "/crossings?from=2020-02-03T00:00:00Z&to=2020-02-03T01:00:00Z";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(json(get(As.operator(community), window)).get("items")).hasSize(2));
        Map<String, Long> before = readModels();
        Document bucketBefore = database().getCollection(CrossingTraces.BOARD_HOURS)
                .find(Filters.eq("_id", gate + "|2020-02-03T00")).first();
        Document personBefore = database().getCollection(RegistryPeople.PEOPLE)
                .find(Filters.eq("_id", person.value())).first();

        for (String group : new String[] {CrossingTraces.PROCESSING_GROUP, RegistryPeople.PROCESSING_GROUP}) {
            TrackingEventProcessor processor = processing.eventProcessor(group, TrackingEventProcessor.class)
                    .orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> !processor.isReplaying()
                    && processor.processingStatus().values().stream().allMatch(s -> s.isCaughtUp()));
        }

        assertThat(readModels()).isEqualTo(before);
        assertThat(database().getCollection(CrossingTraces.BOARD_HOURS)
                .find(Filters.eq("_id", gate + "|2020-02-03T00")).first()).isEqualTo(bucketBefore);
        assertThat(database().getCollection(RegistryPeople.PEOPLE).find(Filters.eq("_id", person.value())).first())
                .isEqualTo(personBefore);
        assertThat(json(get(As.operator(community), window)).get("items")).hasSize(2);
    }

    private java.util.List<String> onDuty(String community, String gate, String at) {
        JsonNode items = json(get(As.role("auditor", community), "/api/v1/checkpoints/" + gate + "/on-duty?at=" + at))
                .get("items");
        java.util.List<String> ids = new java.util.ArrayList<>();
        items.forEach(i -> ids.add(i.get("volunteerId").asText()));
        return ids;
    }

    private HttpResponse<String> out(String community, String gate, long sequence, PersonId person, String passId,
                                     Instant at) {
        return crossAt(community, gate, sequence, personFields(person, "OUT", "36.5")
                + (passId == null ? "" : ",\"passId\":\"" + passId + "\""), at);
    }

    private static String personFields(PersonId person, String direction, String celsius) {
        return "\"subject\":\"PERSON\",\"personId\":\"" + person + "\",\"direction\":\"" + direction
                + "\",\"temperatureCelsius\":" + celsius;
    }

    private HttpResponse<String> crossAt(String community, String gate, long sequence, String fields, Instant at) {
        return post(As.operator(community), "/api/v1/checkpoints/" + gate + "/crossings",
                "{\"tabletId\":\"tablet-w\",\"sequence\":" + sequence + ",\"occurredAt\":\"" + at + "\"," + fields + "}");
    }

    private void member(String community, PersonId person, int n, String household) {
        String first17 = "41132419850101" + String.format("%03d", n);
        publish("registry", community, "Person", person.value(), new PersonRegistered(person, "居民" + n,
                ResidentIdNumber.of(first17 + ResidentIdNumber.checkCharacter(first17)), null, Origin.LOCAL, null,
                "安国小区", null, null, RegistrationSource.GRID_VISIT, Instant.parse("2020-01-25T01:00:00Z"), false,
                "registrar-1"));
        publish("registry", community, "Household", household, new HouseholdMemberAdded(household, person,
                "registrar-1", Instant.parse("2020-01-25T01:00:00Z")));
    }

    private void awaitHousehold(String personId, String household) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Document doc = database().getCollection(RegistryPeople.PEOPLE).find(Filters.eq("_id", personId)).first();
            return doc != null && doc.containsKey("version")
                    && doc.getList("householdIds", String.class, java.util.List.of()).contains(household);
        });
    }

    private MongoDatabase database() {
        return mongo.getDatabase("lianfang_checkpoint");
    }

    /** Document counts of every collection the service writes on a request (events and read models). */
    private Map<String, Long> snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String name : new String[] {"event_commits", "idempotency_keys", CrossingTraces.MINUTES,
                CrossingTraces.PERSON_DAYS}) {
            counts.put(name, database().getCollection(name).countDocuments());
        }
        return counts;
    }

    private Map<String, Long> readModels() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String name : new String[] {CrossingTraces.MINUTES, CrossingTraces.HOURS, CrossingTraces.PERSON_DAYS,
                CrossingTraces.PERSONS, CrossingTraces.BOARD_HOURS, RegistryPeople.PEOPLE, RegistryPeople.ID_NUMBERS}) {
            counts.put(name, database().getCollection(name).countDocuments());
        }
        return counts;
    }

    static LocalDate day(String text) {
        return LocalDate.parse(text);
    }
}
