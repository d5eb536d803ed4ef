package org.lianfang.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.quarantine.CheckMissed;
import org.lianfang.quarantine.cases.command.CheckSchedules;
import org.lianfang.quarantine.cases.command.MissedCheckSweep;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Check deadlines are stored, not timers: a window that closes while nobody sweeps is judged by
 * the next instance to start, and each window raises {@code CheckMissed} once however many
 * instances sweep it how often.
 */
class MissedChecksAcrossRestartTest extends QuarantineSpringTest {

    @Autowired
    MissedCheckSweep sweep;
    @Autowired
    EventStore eventStore;
    @Autowired
    MongoClient mongo;

    @Test
    void aMissedCheckIsRaisedOnceAndSurvivesARestart() {
        CLOCK.set(Instant.parse("2020-03-01T02:00:00Z"));
        HttpResponse<String> created = post("/api/v1/quarantines", "{\"personId\":\"" + UUID.randomUUID()
                + "\",\"arrivalDate\":\"2020-02-29\",\"kind\":\"HOME\",\"reason\":\"close contact\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String caseId = json(created).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getDatabase("lianfang_quarantine")
                .getCollection(CheckSchedules.COLLECTION).find(new Document("_id", caseId)).first() != null);

        CLOCK.set(Instant.parse("2020-03-01T14:00:00Z"));
        sweep.sweep();
        sweep.sweep();
        assertThat(missed(caseId)).containsExactly("2020-03-01/evening");

        CLOCK.set(Instant.parse("2020-03-02T01:00:00Z"));
        HttpResponse<String> reading = post("/api/v1/quarantines/" + caseId + "/temperatures",
                "{\"celsius\":36.4,\"method\":\"AXILLARY\",\"medic\":\"medic-1\",\"occurredAt\":\"2020-03-02T00:30:00Z\"}",
                "X-Actor", "medic-1", "X-Actor-Role", "medic");
        assertThat(reading.statusCode()).as(reading.body()).isEqualTo(200);

        CLOCK.set(Instant.parse("2020-03-02T14:30:00Z"));
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(QuarantineApplication.class,
                QuarantineSpringTest.TestClock.class).run("--server.port=0", "--lianfang.mongodb.uri=" + STORE_URI,
                "--lianfang.mongodb.write-concern=w1", "--quarantine.checks.sweep-interval=1h")) {
            restarted.getBean(MissedCheckSweep.class).sweep();
            assertThat(missed(caseId)).containsExactly("2020-03-01/evening", "2020-03-02/evening");
            sweep.sweep();
            restarted.getBean(MissedCheckSweep.class).sweep();
        }
        sweep.sweep();

        assertThat(missed(caseId)).containsExactly("2020-03-01/evening", "2020-03-02/evening");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                json(get("/api/v1/quarantines/" + caseId)).get("missedChecks")).hasSize(2));
    }

    private List<String> missed(String caseId) {
        return eventStore.readEvents(caseId).asStream()
                .filter(event -> event.getPayload() instanceof CheckMissed)
                .map(event -> ((CheckMissed) event.getPayload()).window())
                .toList();
    }
}
