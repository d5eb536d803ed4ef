package org.lianfang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.platform.testapp.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;

class ProblemDetailsTest extends PlatformTest {

    private static final String WIDGETS = "/api/v1/widgets";

    @Autowired
    EventStore eventStore;

    @Test
    void validationNamesEveryBadField() {
        HttpResponse<String> response = http.postJson(WIDGETS, "{\"name\":\"\",\"count\":11}");

        assertProblem(response, 400, "validation");
        JsonNode errors = json(response).get("errors");
        assertThat(errors).hasSize(2);
        assertThat(fieldsAndReasons(errors)).containsExactlyInAnyOrder(
                "name: must not be blank", "count: must be less than or equal to 10");
        assertThat(json(response).get("instance").asText()).isEqualTo(WIDGETS);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"count\":1}                                        | name    | must not be blank",
            "{\"name\":\"a\",\"count\":1,\"colour\":\"red\"}      | colour  | is not a known field",
            "{\"name\":5,\"count\":1}                             | name    | must be a string",
            "{\"name\":\"a\",\"count\":\"many\"}                  | count   | must be an integer",
            "{\"name\":\"a\",\"count\":\"3\"}                     | count   | must be an integer",
            "{\"name\":\"a\",\"count\":1.5}                       | count   | must be an integer",
            "{\"name\":\"a\",\"count\":1,\"madeOn\":\"2020-13-40\"} | madeOn  | must be a date (yyyy-MM-dd)",
            "{\"name\":\"a\",\"count\":1,\"kind\":\"HUGE\"}       | kind    | must be one of SMALL, LARGE",
            "{\"name\":\"a\",\"count\":1,\"kind\":1}              | kind    | must be one of SMALL, LARGE",
            "{\"name\":\"a\",\"count\":1,\"personIds\":[\"p\",7]} | personIds[1] | must be a string",
            "{\"name\":\"a\",\"count\":null}                      | count   | must not be null",
            "{\"name\":\"a\",\"count\":0,\"kind\":\"LARGE\"}      | count   | must be positive for a large widget",
    })
    void aClientMistakeIsA400NamingTheFieldAndNothingHappens(String body, String field, String reason) {
        long eventsBefore = eventCount();

        HttpResponse<String> response = http.postJson(WIDGETS, body);

        assertProblem(response, 400, "validation");
        assertThat(fieldsAndReasons(json(response).get("errors"))).containsExactly(field + ": " + reason);
        assertThat(json(response).get("detail").asText()).contains(field);
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\": \"a\",",
            "[1,2]",
            "{\"name\":\"a\",\"count\":1} trailing",
            "{\"name\":\"a\",\"name\":\"b\",\"count\":1}",
            "''",
    })
    void unreadableBodiesAreA400(String body) {
        long eventsBefore = eventCount();

        HttpResponse<String> response = http.postJson(WIDGETS, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("type").asText()).startsWith("https://lianfang.org/problems/");
        assertThat(response.body()).doesNotContain("Exception", "at com.", "at org.");
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void aBodyOverTheLimitIsA413WithOrWithoutContentLength() {
        String huge = "{\"name\":\"" + "x".repeat(300 * 1024) + "\",\"count\":1}";

        HttpResponse<String> declared = http.postJson(WIDGETS, huge);
        HttpResponse<String> chunked = http.send(http.builder(WIDGETS, "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes()))));

        assertProblem(declared, 413, "payload-too-large");
        assertProblem(chunked, 413, "payload-too-large");
    }

    @Test
    void aBodyJustUnderTheLimitIsRead() {
        String big = "{\"name\":\"ok\",\"count\":1,\"personIds\":[\"" + "p".repeat(200 * 1024) + "\"]}";

        assertThat(http.postJson(WIDGETS, big).statusCode()).isEqualTo(201);
    }

    @Test
    void anUnsupportedMediaTypeIsA415() {
        HttpResponse<String> response = http.send(http.builder(WIDGETS, "Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=a")));

        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void aWrongMethodIsA405() {
        assertProblem(http.send(http.builder(WIDGETS).DELETE()), 405, "method-not-allowed");
    }

    @Test
    void anUnknownRouteAndAnUnknownIdAreA404() {
        assertProblem(http.get("/api/v1/nothing-here"), 404, "not-found");
        HttpResponse<String> unknownId = http.get(WIDGETS + "/w-404");
        assertProblem(unknownId, 404, "not-found");
        assertThat(json(unknownId).get("detail").asText()).isEqualTo("No widget with id 'w-404'.");
    }

    @Test
    void errorsOutsideControllersAreProblemsToo() {
        HttpResponse<String> response = http.get("/error");

        assertProblem(response, 500, "internal-error");
        assertThat(response.body()).doesNotContain("timestamp", "trace");
    }

    @Test
    void aConcurrentModificationIsA409() {
        assertProblem(http.postJson(WIDGETS + "/conflict", "{}"), 409, "conflict");
    }

    @Test
    void aBrokenBusinessRuleIsA409NamingTheRule() {
        String id = created(http.postJson(WIDGETS, "{\"name\":\"w\",\"count\":1}"));
        assertThat(http.postJson(WIDGETS + "/" + id + "/assignments?personId=p1", "").statusCode()).isEqualTo(204);

        HttpResponse<String> again = http.postJson(WIDGETS + "/" + id + "/assignments?personId=p1", "");

        assertProblem(again, 409, "rule-violation");
        assertThat(json(again).get("rule").asText()).isEqualTo("widget-already-assigned");
    }

    @Test
    void commandsOnAnUnknownAggregateAreA404() {
        assertProblem(http.postJson(WIDGETS + "/no-such-widget/assignments?personId=p1", ""), 404, "not-found");
    }

    @Test
    void forbiddenIsA403() {
        assertProblem(http.postJson(WIDGETS + "/forbidden", "{}"), 403, "forbidden");
    }

    @Test
    void aServerFaultIsA500WithoutInternals() {
        HttpResponse<String> response = http.postJson(WIDGETS + "/boom", "{}", "X-Correlation-Id", "boom-1");

        assertProblem(response, 500, "internal-error");
        assertThat(response.body()).doesNotContain("secret", "com.example", "IllegalStateException", "trace");
        assertThat(json(response).get("correlationId").asText()).isEqualTo("boom-1");
    }

    @Test
    void queryParametersAreValidatedByName() {
        HttpResponse<String> wrongType = http.get(WIDGETS + "/paged?limit=abc");
        HttpResponse<String> missing = http.get(WIDGETS + "/paged");

        assertProblem(wrongType, 400, "validation");
        assertThat(fieldsAndReasons(json(wrongType).get("errors"))).containsExactly("limit: must be an integer");
        assertProblem(missing, 400, "validation");
        assertThat(fieldsAndReasons(json(missing).get("errors"))).containsExactly("limit: is required");
    }

    @Test
    void theCorrelationIdIsEchoedOrGenerated() {
        HttpResponse<String> given = http.get(WIDGETS + "/x", "X-Correlation-Id", "corr-42");
        HttpResponse<String> generated = http.get(WIDGETS + "/x");
        HttpResponse<String> unusable = http.get(WIDGETS + "/x", "X-Correlation-Id", "bad id with spaces");

        assertThat(given.headers().firstValue("X-Correlation-Id")).contains("corr-42");
        assertThat(json(given).get("correlationId").asText()).isEqualTo("corr-42");
        assertThat(generated.headers().firstValue("X-Correlation-Id")).hasValueSatisfying(
                id -> assertThat(id).hasSize(36));
        assertThat(unusable.headers().firstValue("X-Correlation-Id")).hasValueSatisfying(
                id -> assertThat(id).isNotEqualTo("bad id with spaces"));
    }

    @Test
    void aMalformedActorHeaderIsA400NamingTheHeader() {
        HttpResponse<String> response = http.postJson(WIDGETS, "{\"name\":\"a\",\"count\":1}",
                "X-Actor", "robert'); drop table");

        assertProblem(response, 400, "validation");
        assertThat(fieldsAndReasons(json(response).get("errors")).get(0)).startsWith("X-Actor: ");
    }

    private void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://lianfang.org/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.has("correlationId")).isTrue();
        assertThat(response.body()).doesNotContain("\"trace\"", "\"exception\"");
    }

    private static List<String> fieldsAndReasons(JsonNode errors) {
        List<String> result = new ArrayList<>();
        errors.forEach(e -> result.add(e.get("field").asText() + ": " + e.get("reason").asText()));
        return result;
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asText();
    }

    private long eventCount() {
        try (var stream = eventStore.openStream(null)) {
            long count = 0;
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> ignored = stream.nextAvailable();
                count++;
            }
            return count;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
