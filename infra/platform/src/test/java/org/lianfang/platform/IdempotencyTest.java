package org.lianfang.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lianfang.platform.idempotency.IdempotencyStore;
import org.lianfang.platform.testapp.PlatformTest;
import org.lianfang.platform.testapp.WidgetProbe;
import org.springframework.beans.factory.annotation.Autowired;

class IdempotencyTest extends PlatformTest {

    private static final String WIDGETS = "/api/v1/widgets";

    @Autowired
    MongoClient mongo;

    @AfterEach
    void openGate() {
        WidgetProbe.openSlowGate();
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReplaysTheFirstResponseWithoutANewCommand() {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\":\"retry\",\"count\":1}";
        int createdBefore = WidgetProbe.created();

        HttpResponse<String> first = http.postJson(WIDGETS, body, "Idempotency-Key", key);
        HttpResponse<String> second = http.postJson(WIDGETS, body, "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"))
                .isPresent();
        assertThat(second.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(WidgetProbe.created()).isEqualTo(createdBefore + 1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422() {
        String key = UUID.randomUUID().toString();
        http.postJson(WIDGETS, "{\"name\":\"one\",\"count\":1}", "Idempotency-Key", key);
        int createdBefore = WidgetProbe.created();

        HttpResponse<String> other = http.postJson(WIDGETS, "{\"name\":\"two\",\"count\":1}", "Idempotency-Key", key);

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(json(other).get("type").asText()).isEqualTo("https://lianfang.org/problems/idempotency-key-reused");
        assertThat(WidgetProbe.created()).isEqualTo(createdBefore);
    }

    @Test
    void keysAreScopedByActor() {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\":\"shared\",\"count\":1}";

        HttpResponse<String> alice = http.postJson(WIDGETS, body, "Idempotency-Key", key, "X-Actor", "alice");
        HttpResponse<String> bob = http.postJson(WIDGETS, body, "Idempotency-Key", key, "X-Actor", "bob");

        assertThat(alice.statusCode()).isEqualTo(201);
        assertThat(bob.statusCode()).isEqualTo(201);
        assertThat(bob.headers().firstValue("Location")).isNotEqualTo(alice.headers().firstValue("Location"));
    }

    @Test
    void aFailedRequestIsNotRememberedSoTheClientCanFixItAndRetry() {
        String key = UUID.randomUUID().toString();

        HttpResponse<String> invalid = http.postJson(WIDGETS, "{\"name\":\"\",\"count\":1}", "Idempotency-Key", key);
        HttpResponse<String> fixed = http.postJson(WIDGETS, "{\"name\":\"fixed\",\"count\":1}", "Idempotency-Key", key);

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(fixed.statusCode()).isEqualTo(201);
        assertThat(fixed.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void aRetryWhileTheFirstIsStillRunningIsA409ThenReplays() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"slow\":\"yes\"}";
        WidgetProbe.closeSlowGate();
        long keysBefore = keysStored();

        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() ->
                http.postJson(WIDGETS + "/slow", body, "Idempotency-Key", key));
        await().atMost(Duration.ofSeconds(10)).until(() -> keysStored() > keysBefore);
        HttpResponse<String> duringFirst = http.postJson(WIDGETS + "/slow", body, "Idempotency-Key", key);
        WidgetProbe.openSlowGate();
        HttpResponse<String> firstResponse = first.get();
        HttpResponse<String> afterFirst = http.postJson(WIDGETS + "/slow", body, "Idempotency-Key", key);

        assertThat(duringFirst.statusCode()).isEqualTo(409);
        assertThat(json(duringFirst).get("type").asText())
                .isEqualTo("https://lianfang.org/problems/idempotency-in-flight");
        assertThat(duringFirst.headers().firstValue("Retry-After")).contains("1");
        assertThat(firstResponse.statusCode()).isEqualTo(200);
        assertThat(afterFirst.statusCode()).isEqualTo(200);
        assertThat(afterFirst.body()).isEqualTo(firstResponse.body());
        assertThat(afterFirst.headers().firstValue("Idempotent-Replayed")).contains("true");
    }

    @Test
    void anUnusableKeyIsA400() {
        HttpResponse<String> response = http.postJson(WIDGETS, "{\"name\":\"k\",\"count\":1}",
                "Idempotency-Key", "x".repeat(256));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void keysAreKeptInTheServicesOwnDatabase() {
        String key = UUID.randomUUID().toString();
        http.postJson(WIDGETS, "{\"name\":\"stored\",\"count\":1}", "Idempotency-Key", key, "X-Actor", "carol");

        Document entry = mongo.getDatabase("lianfang_platform_test").getCollection(IdempotencyStore.COLLECTION)
                .find(new Document("actor", "carol")).first();

        assertThat(entry).isNotNull();
        assertThat(entry.getString("state")).isEqualTo("COMPLETED");
        assertThat(entry.getInteger("status")).isEqualTo(201);
        assertThat(entry.getString("route")).isEqualTo("POST /api/v1/widgets");
        assertThat(entry.getString("_id")).doesNotContain(key).hasSize(64);
    }

    private long keysStored() {
        return mongo.getDatabase("lianfang_platform_test").getCollection(IdempotencyStore.COLLECTION)
                .countDocuments(new Document("state", "IN_FLIGHT"));
    }

}
