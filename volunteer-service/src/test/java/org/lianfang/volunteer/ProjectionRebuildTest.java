package org.lianfang.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.lianfang.volunteer.delivery.query.DeliveryProjection;
import org.lianfang.volunteer.disinfection.query.DisinfectionProjection;
import org.lianfang.volunteer.shift.query.ShiftProjection;
import org.lianfang.volunteer.statistics.query.StatisticsProjection;
import org.lianfang.volunteer.volunteer.query.DirectoryProjection;
import org.springframework.beans.factory.annotation.Autowired;

/** Every read model of the service's own events comes out the same after a rebuild from scratch. */
class ProjectionRebuildTest extends VolunteerSpringTest {

    private static final List<String> GROUPS = List.of(DirectoryProjection.PROCESSING_GROUP,
            ShiftProjection.PROCESSING_GROUP, DeliveryProjection.PROCESSING_GROUP,
            DisinfectionProjection.PROCESSING_GROUP, StatisticsProjection.PROCESSING_GROUP);

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void readModelsAreIdenticalAfterARebuild() {
        CLOCK.set(Instant.parse("2020-02-04T00:00:00Z"));
        String gate = openCheckpoint("rebuild-gate-" + UUID.randomUUID(), "建设路口");
        String leader = ok(post("/api/v1/volunteers", "{\"name\":\"党员李\",\"phone\":\"13800001234\","
                + "\"kind\":\"PARTY_MEMBER\",\"pledgeLetter\":\"请战书\"}")).get("id").asText();
        String student = ok(post("/api/v1/volunteers", "{\"name\":\"学生赵\",\"phone\":\"13800005678\","
                + "\"kind\":\"STUDENT\",\"skills\":[\"跑腿\"]}")).get("id").asText();
        String team = ok(post("/api/v1/teams", "{\"name\":\"党员突击队\",\"kind\":\"SHOCK_TEAM\",\"leaderId\":\""
                + leader + "\"}")).get("id").asText();
        ok(post("/api/v1/teams/" + team + "/members", "{\"volunteerId\":\"" + student + "\"}"));
        String shift = ok(post("/api/v1/shifts", "{\"checkpointId\":\"" + gate + "\",\"startsAt\":\"2020-02-04T08:00:00Z\","
                + "\"endsAt\":\"2020-02-04T12:00:00Z\",\"requiredHeadcount\":2}")).get("id").asText();
        ok(post("/api/v1/shifts/" + shift + "/assignments", "{\"volunteerId\":\"" + leader + "\"}"));
        ok(post("/api/v1/shifts/" + shift + "/assignments", "{\"volunteerId\":\"" + student + "\"}"));
        CLOCK.set(Instant.parse("2020-02-04T08:05:00Z"));
        ok(post("/api/v1/shifts/" + shift + "/check-ins", "{\"volunteerId\":\"" + student + "\"}"));
        CLOCK.set(Instant.parse("2020-02-04T11:50:00Z"));
        ok(post("/api/v1/shifts/" + shift + "/check-outs", "{\"volunteerId\":\"" + student + "\"}"));
        String order = ok(post("/api/v1/deliveries", "{\"householdId\":\"h-rebuild\",\"compoundId\":\"compound-r\","
                + "\"address\":\"1号楼 101\",\"items\":[\"米\"],\"partner\":\"超市\",\"partnerKind\":\"SHOP\"}"))
                .get("id").asText();
        for (String step : List.of("pickup", "disinfection", "drop-off", "confirmation")) {
            if (step.equals("pickup")) {
                ok(post("/api/v1/deliveries/" + order + "/acceptance", "{\"volunteerId\":\"" + student + "\"}"));
            }
            ok(post("/api/v1/deliveries/" + order + "/" + step, null));
        }
        ok(post("/api/v1/disinfections", "{\"compoundId\":\"compound-r\",\"building\":\"1\",\"areas\":[\"LIFTS\"],"
                + "\"volunteerIds\":[\"" + leader + "\",\"" + student + "\"]}"));

        List<String> reads = List.of("/api/v1/volunteers/" + leader, "/api/v1/volunteers/" + student,
                "/api/v1/volunteers?limit=200", "/api/v1/teams/" + team, "/api/v1/teams?limit=200",
                "/api/v1/shifts/" + shift, "/api/v1/volunteers/" + student + "/shifts",
                "/api/v1/volunteers/" + student + "/deliveries", "/api/v1/deliveries?limit=200",
                "/api/v1/deliveries/counts?from=2020-02-01&to=2020-02-05",
                "/api/v1/volunteers/" + student + "/statistics", "/api/v1/volunteers/" + leader + "/statistics",
                "/api/v1/teams/" + team + "/statistics", "/api/v1/volunteers/statistics",
                "/api/v1/disinfections?compoundId=compound-r&date=2020-02-04");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode stats = ok(get("/api/v1/volunteers/" + student + "/statistics")).get("statistics");
            assertThat(stats.get("personTimes").asInt()).isEqualTo(3);
            assertThat(stats.get("hours").asDouble()).isEqualTo(3.75);
            assertThat(stats.get("householdsServed").asInt()).isEqualTo(1);
            assertThat(ok(get("/api/v1/teams/" + team + "/statistics")).get("statistics").get("personTimes").asInt())
                    .isEqualTo(4);
            assertThat(ok(get("/api/v1/disinfections?compoundId=compound-r&date=2020-02-04")).get("buildings"))
                    .hasSize(1);
            assertThat(ok(get("/api/v1/volunteers/" + student + "/deliveries")).get("items")).hasSize(1);
        });
        Map<String, JsonNode> before = readAll(reads);

        GROUPS.forEach(this::rebuild);

        assertThat(readAll(reads)).isEqualTo(before);
    }

    private Map<String, JsonNode> readAll(List<String> paths) {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        paths.forEach(p -> all.put(p, ok(get(p))));
        return all;
    }

    private void rebuild(String group) {
        TrackingEventProcessor processor = processing.eventProcessor(group, TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !processor.processingStatus().isEmpty() && !processor.isReplaying()
                && processor.processingStatus().values().stream().allMatch(s -> s.isCaughtUp()));
    }
}
