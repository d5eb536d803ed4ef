package org.lianfang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lianfang.platform.testapp.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hostile input a service must refuse with a problem detail even when called directly (the
 * gateway refuses most of it first): paths Tomcat rejects before Spring runs, invisible or control
 * characters in text, numbers where a timestamp belongs.
 */
class HostileInputTest extends PlatformTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"..%2F..%2Fadmin", "..%5C..%5Cwindows", "abc%00def", "%ED%A0%80", "%C0%AF", "a%2Fb"})
    void aPathTomcatRefusesIsAProblemNotAnHtmlPage(String id) throws IOException {
        String answer = raw("POST /api/v1/widgets/" + id + "/assignments?personId=p HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("\"status\":400", "https://lianfang.org/problems/");
        assertThat(answer).doesNotContain("<html", "Tomcat", "Exception");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\\u200b\\u200b            | must contain visible characters",
            "\\u202e\\u202e            | must not contain bidirectional override characters",
            "\\u202eeton               | must not contain bidirectional override characters",
            "\\u3000\\u3000            | must contain visible characters",
            "\\u00a0                   | must contain visible characters",
            " \\u2003\\u200a           | must contain visible characters",
            "\\u2067abc               | must not contain unbalanced bidirectional embeddings or isolates",
            "abc\\u202c               | must not contain unbalanced bidirectional embeddings or isolates",
            "a\\u0000b                 | must not contain control characters",
            "a\\u001bb                 | must not contain control characters",
            "\\ud800                   | must not contain an unpaired surrogate",
            "a\\udc00                  | must not contain an unpaired surrogate",
    })
    void textThatIsInvisibleOrControlIsRefusedNamingTheField(String name, String reason) {
        long before = widgetsCreated();

        HttpResponse<String> response = http.postJson("/api/v1/widgets", "{\"name\":\"" + name + "\",\"count\":1}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo("name");
        assertThat(json(response).get("errors").get(0).get("reason").asText()).isEqualTo(reason);
        assertThat(widgetsCreated()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"韩测（示例）", "a\\tb", "Zoë", "😀 ok", "مرحبا", "a\\u200db", "e\\u0301",
            "\\u2067ئابدۇرەھىم\\u2069", "\\u202bئابدۇرەھىم\\u202c", "ئابدۇرەھىم\\u200f", "韩\\u3000测"})
    void ordinaryTextStillPasses(String name) {
        HttpResponse<String> response = http.postJson("/api/v1/widgets", "{\"name\":\"" + name + "\",\"count\":1}");

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"madeAt\": 1580000000        | madeAt | must be an ISO-8601 timestamp string, e.g. 2020-02-01T08:00:00Z, not a number",
            "\"madeAt\": 1580000000.5      | madeAt | must be an ISO-8601 timestamp string, e.g. 2020-02-01T08:00:00Z, not a number",
            "\"madeAt\": [2020,1,1]        | madeAt | must be an ISO-8601 timestamp string, e.g. 2020-02-01T08:00:00Z, not a non-string value",
            "\"madeOn\": [2020,1,24]       | madeOn | must be an ISO-8601 string, not a non-string value",
            "\"madeOn\": 18285             | madeOn | must be an ISO-8601 string, not a number",
            "\"madeAt\": \"1580000000\"    | madeAt | must be an ISO-8601 timestamp string, e.g. 2020-02-01T08:00:00Z, not a number",
    })
    void aTimestampMustBeAnIsoString(String field, String name, String reason) {
        long before = widgetsCreated();

        HttpResponse<String> response = http.postJson("/api/v1/widgets", "{\"name\":\"a\",\"count\":1," + field + "}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo(name);
        assertThat(json(response).get("errors").get(0).get("reason").asText()).isEqualTo(reason);
        assertThat(widgetsCreated()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"madeAt\": \"2020-02-01T08:00:00Z\"", "\"madeOn\": \"2020-01-24\"", "\"madeAt\": null"})
    void isoStringsStillPass(String field) {
        HttpResponse<String> response = http.postJson("/api/v1/widgets", "{\"name\":\"a\",\"count\":1," + field + "}");

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Autowired
    EventStore eventStore;

    private long widgetsCreated() {
        try (var stream = eventStore.openStream(null)) {
            long count = 0;
            while (stream.hasNextAvailable()) {
                stream.nextAvailable();
                count++;
            }
            return count;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
