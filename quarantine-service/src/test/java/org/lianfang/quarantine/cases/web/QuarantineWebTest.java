package org.lianfang.quarantine.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.quarantine.QuarantineSpringTest;
import org.lianfang.quarantine.cases.command.QuarantineClaims;
import org.springframework.beans.factory.annotation.Autowired;

/** Every way a request can be wrong answers a problem naming what to fix, and stores nothing. */
class QuarantineWebTest extends QuarantineSpringTest {

    private static final String CASES = "/api/v1/quarantines";

    @Autowired
    EventStore eventStore;
    @Autowired
    MongoClient mongo;

    private String caseId;

    @BeforeEach
    void openACase() {
        CLOCK.set(Instant.parse("2020-01-25T02:00:00Z"));
        HttpResponse<String> created = post(CASES, start(UUID.randomUUID().toString(), "2020-01-24"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        caseId = json(created).get("id").asText();
        assertThat(created.headers().firstValue("Location")).contains(CASES + "/" + caseId);
    }

    @Test
    void aManualStartIsIdempotentPerPerson() {
        String person = UUID.randomUUID().toString();

        HttpResponse<String> first = post(CASES, start(person, "2020-01-20"));
        HttpResponse<String> again = post(CASES, start(person, "2020-01-22"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("id").asText()).isEqualTo(json(first).get("id").asText());
        assertThat(json(again).get("arrivalDate").asText()).isEqualTo("2020-01-20");
        assertThat(json(first).get("startedBy").asText()).isEqualTo("operator-1");
    }

    @Test
    void aManualStartAfterTheCaseEndedOpensANewCase() {
        String person = UUID.randomUUID().toString();
        String first = json(post(CASES, start(person, "2020-01-20"))).get("id").asText();
        HttpResponse<String> released = post(CASES + "/" + first + "/early-release", "{\"reason\":\"mistake\"}",
                "X-Actor", "medic-1", "X-Actor-Role", "medic");
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);

        HttpResponse<String> again = post(CASES, start(person, "2020-01-20"));

        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(json(again).get("id").asText()).isNotEqualTo(first);
        assertThat(json(again).get("status").asText()).isEqualTo("ACTIVE");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no person          | {\"arrivalDate\":\"2020-01-24\",\"kind\":\"HOME\",\"reason\":\"r\"} | personId",
            "no arrival         | {\"personId\":\"p-x\",\"kind\":\"HOME\",\"reason\":\"r\"} | arrivalDate",
            "arrival tomorrow   | {\"personId\":\"p-x\",\"arrivalDate\":\"2020-01-26\",\"kind\":\"HOME\",\"reason\":\"r\"} | arrivalDate",
            "unknown kind       | {\"personId\":\"p-x\",\"arrivalDate\":\"2020-01-24\",\"kind\":\"HOTEL\",\"reason\":\"r\"} | kind",
            "blank reason       | {\"personId\":\"p-x\",\"arrivalDate\":\"2020-01-24\",\"kind\":\"HOME\",\"reason\":\" \"} | reason",
            "unknown field      | {\"personId\":\"p-x\",\"arrivalDate\":\"2020-01-24\",\"kind\":\"HOME\",\"reason\":\"r\",\"x\":1} | x",
    })
    void aBadStartIsA400NamingTheFieldAndClaimsNoOne(String description, String body, String field) {
        long claims = database().getCollection(QuarantineClaims.COLLECTION).countDocuments();

        HttpResponse<String> response = post(CASES, body);

        assertValidationProblem(response, field);
        assertThat(database().getCollection(QuarantineClaims.COLLECTION).countDocuments()).isEqualTo(claims);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "too cold            | temperatures  | {\"celsius\":33.9,\"method\":\"FOREHEAD\",\"medic\":\"m\",\"occurredAt\":\"2020-01-25T01:00:00Z\"} | celsius",
            "too hot             | temperatures  | {\"celsius\":43.1,\"method\":\"FOREHEAD\",\"medic\":\"m\",\"occurredAt\":\"2020-01-25T01:00:00Z\"} | celsius",
            "celsius as text     | temperatures  | {\"celsius\":\"warm\",\"method\":\"FOREHEAD\",\"medic\":\"m\",\"occurredAt\":\"2020-01-25T01:00:00Z\"} | celsius",
            "no celsius          | temperatures  | {\"method\":\"FOREHEAD\",\"medic\":\"m\",\"occurredAt\":\"2020-01-25T01:00:00Z\"} | celsius",
            "from the future     | temperatures  | {\"celsius\":36.5,\"method\":\"FOREHEAD\",\"medic\":\"m\",\"occurredAt\":\"2020-01-25T02:03:00Z\"} | occurredAt",
            "before the period   | temperatures  | {\"celsius\":36.5,\"method\":\"FOREHEAD\",\"medic\":\"m\",\"occurredAt\":\"2020-01-23T15:00:00Z\"} | occurredAt",
            "unknown method      | temperatures  | {\"celsius\":36.5,\"method\":\"TONGUE\",\"medic\":\"m\",\"occurredAt\":\"2020-01-25T01:00:00Z\"} | method",
            "blank medic         | temperatures  | {\"celsius\":36.5,\"method\":\"FOREHEAD\",\"medic\":\"\",\"occurredAt\":\"2020-01-25T01:00:00Z\"} | medic",
            "no symptoms         | symptoms      | {\"symptoms\":[],\"occurredAt\":\"2020-01-25T01:00:00Z\"} | symptoms",
            "symptom tomorrow    | symptoms      | {\"symptoms\":[\"cough\"],\"occurredAt\":\"2020-01-26T01:00:00Z\"} | occurredAt",
            "zero days           | extension     | {\"days\":0,\"reason\":\"r\"} | days",
            "too many days       | extension     | {\"days\":61,\"reason\":\"r\"} | days",
            "no reason           | extension     | {\"days\":7} | reason",
            "no facility         | transfer      | {\"reason\":\"r\"} | facility",
            "no release reason   | early-release | {} | reason",
    })
    void aBadRecordIsA400NamingTheFieldAndStoresNothing(String description, String resource, String body,
                                                        String field) {
        long events = events();

        HttpResponse<String> response = post(CASES + "/" + caseId + "/" + resource, body,
                "X-Actor-Role", "medic");

        assertValidationProblem(response, field);
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void anUnknownCaseIsA404ForReadsAndWrites() {
        String unknown = UUID.randomUUID().toString();

        HttpResponse<String> read = get(CASES + "/" + unknown);
        HttpResponse<String> write = post(CASES + "/" + unknown + "/temperatures",
                "{\"celsius\":36.5,\"method\":\"FOREHEAD\",\"medic\":\"m\",\"occurredAt\":\"2020-01-25T01:00:00Z\"}",
                "X-Actor-Role", "medic");

        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(json(read).get("type").asText()).isEqualTo("https://lianfang.org/problems/not-found");
        assertThat(write.statusCode()).isEqualTo(404);
        assertThat(eventStore.lastSequenceNumberFor(unknown)).isEmpty();
    }

    @Test
    void anEarlyCompletionIsA409SayingWhenThePeriodEnds() {
        long events = events();

        HttpResponse<String> response = post(CASES + "/" + caseId + "/completion", "");

        assertThat(response.statusCode()).isEqualTo(409);
        JsonNode problem = json(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://lianfang.org/problems/rule-violation");
        assertThat(problem.get("rule").asText()).isEqualTo("quarantine-period-not-over");
        assertThat(problem.get("detail").asText()).contains("2020-02-06T16:00:00Z");
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void onlyAMedicMayReleaseEarly() {
        long events = events();

        HttpResponse<String> operator = post(CASES + "/" + caseId + "/early-release", "{\"reason\":\"r\"}",
                "X-Actor-Role", "operator");
        HttpResponse<String> nobody = post(CASES + "/" + caseId + "/early-release", "{\"reason\":\"r\"}",
                "X-Actor-Role", null);

        assertThat(operator.statusCode()).isEqualTo(403);
        assertThat(json(operator).get("type").asText()).isEqualTo("https://lianfang.org/problems/forbidden");
        assertThat(nobody.statusCode()).isEqualTo(401);
        assertThat(events()).isEqualTo(events);

        HttpResponse<String> medic = post(CASES + "/" + caseId + "/early-release",
                "{\"reason\":\"registered by mistake\"}", "X-Actor", "medic-1", "X-Actor-Role", "medic");
        assertThat(medic.statusCode()).as(medic.body()).isEqualTo(200);
        assertThat(json(medic).get("status").asText()).isEqualTo("RELEASED_EARLY");
        assertThat(json(medic).get("endedBy").asText()).isEqualTo("medic-1");

        HttpResponse<String> afterwards = post(CASES + "/" + caseId + "/temperatures",
                "{\"celsius\":36.5,\"method\":\"FOREHEAD\",\"medic\":\"m\",\"occurredAt\":\"2020-01-25T01:00:00Z\"}",
                "X-Actor-Role", "medic");
        assertThat(afterwards.statusCode()).isEqualTo(409);
        assertThat(json(afterwards).get("rule").asText()).isEqualTo("quarantine-ended");
    }

    @Test
    void extensionTransferAndSymptomsShowOnTheTimeline() {
        HttpResponse<String> extended = post(CASES + "/" + caseId + "/extension",
                "{\"days\":7,\"reason\":\"household member fell ill\"}");
        HttpResponse<String> transferred = post(CASES + "/" + caseId + "/transfer",
                "{\"facility\":\"镇平县集中隔离点\",\"reason\":\"no separate room\"}");
        HttpResponse<String> symptoms = post(CASES + "/" + caseId + "/symptoms",
                "{\"symptoms\":[\"cough\"],\"notes\":\"dry\",\"occurredAt\":\"2020-01-25T01:30:00Z\"}",
                "X-Actor-Role", "medic");

        assertThat(extended.statusCode()).as(extended.body()).isEqualTo(200);
        assertThat(json(extended).get("endsAt").asText()).isEqualTo("2020-02-13T16:00:00Z");
        assertThat(json(extended).get("totalDays").asLong()).isEqualTo(21);
        assertThat(transferred.statusCode()).isEqualTo(200);
        JsonNode current = json(symptoms);
        assertThat(symptoms.statusCode()).isEqualTo(200);
        assertThat(current.get("kind").asText()).isEqualTo("FACILITY");
        assertThat(current.get("facility").asText()).isEqualTo("镇平县集中隔离点");
        assertThat(current.get("arrivalDate").asText()).isEqualTo("2020-01-24");
        assertThat(current.get("extensions").get(0).get("extendedBy").asText()).isEqualTo("operator-1");
        assertThat(current.get("symptoms").get(0).get("symptoms").get(0).asText()).isEqualTo("cough");
    }

    @Test
    void concurrentStartsForOnePersonAgreeOnOneCase() throws Exception {
        String person = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> post(CASES, start(person, "2020-01-24"))));
            }
            Set<String> ids = new HashSet<>();
            int created = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
                created += response.statusCode() == 201 ? 1 : 0;
                ids.add(json(response).get("id").asText());
            }
            assertThat(ids).hasSize(1);
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listingWithoutAPersonIsA400AndAnUnknownPersonHasNoCases() {
        assertValidationProblem(get(CASES), "personId");
        HttpResponse<String> none = get(CASES + "?personId=" + UUID.randomUUID());
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(json(none).get("items")).isEmpty();
    }

    private void assertValidationProblem(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://lianfang.org/problems/validation");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).contains(field);
    }

    private long events() {
        return eventStore.readEvents(caseId).asStream().count();
    }

    private MongoDatabase database() {
        return mongo.getDatabase("lianfang_quarantine");
    }

    private static String start(String personId, String arrivalDate) {
        return "{\"personId\":\"" + personId + "\",\"arrivalDate\":\"" + arrivalDate
                + "\",\"kind\":\"HOME\",\"reason\":\"close contact\"}";
    }
}
