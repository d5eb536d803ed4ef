package org.lianfang.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lianfang.platform.testapp.FlakyHandler;
import org.lianfang.platform.testapp.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A handler that failed while the store was unreachable leaves its event (and the aggregate's later
 * events behind it) in the dead-letter queue; once the store is back the retry applies them, in
 * order, exactly once (found by CrashIT: a read model missed a colour change after the store was
 * killed mid-write). The test context retries every second ({@code application.yml}).
 */
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterRetryTest extends PlatformTest {

    static final String NAME = "flaky 赵超（示例）";

    @Autowired
    MongoClient mongo;
    @Autowired
    DeadLetterRetry retry;

    @AfterEach
    void reachable() {
        FlakyHandler.UNREACHABLE.set(false);
    }

    @Test
    void eventsDeadLetteredWhileTheStoreWasUnreachableAreAppliedOnceInOrderWhenItIsBack(CapturedOutput output) {
        FlakyHandler.UNREACHABLE.set(true);
        String id = json(http.postJson("/api/v1/widgets", "{\"name\":\"" + NAME + "\",\"count\":1}")).get("id").asText();
        http.postJson("/api/v1/widgets/" + id + "/assignments?personId=flaky-p1", "");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(deadLetters().countDocuments(new Document("processingGroup", "flaky"))).isEqualTo(2));
        assertThat(retry.retryAll()).as("nothing can be applied while the store is unreachable").isZero();
        assertThat(FlakyHandler.APPLIED).isEmpty();

        FlakyHandler.UNREACHABLE.set(false);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(deadLetters().countDocuments(new Document("processingGroup", "flaky"))).isZero());
        assertThat(FlakyHandler.APPLIED).containsExactly("created " + id, "assigned flaky-p1");
        assertThat(retry.isRunning()).isTrue();
        assertThat(output.getOut()).as("the dead letters' payloads are not logged").doesNotContain(NAME)
                .contains("Processing group flaky holds dead letters");
    }

    private MongoCollection<Document> deadLetters() {
        return mongo.getDatabase("lianfang_platform_test").getCollection("deadletters");
    }
}
