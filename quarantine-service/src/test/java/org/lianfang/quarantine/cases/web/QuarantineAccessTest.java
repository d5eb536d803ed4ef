package org.lianfang.quarantine.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.quarantine.QuarantineSpringTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Roles and jurisdiction: who may call what (401 without identity, 403 for another role, before
 * anything is stored), and a case outside the caller's community or compounds is a 404 for reads
 * and writes and missing from lists.
 */
class QuarantineAccessTest extends QuarantineSpringTest {

    private static final String CASES = "/api/v1/quarantines";
    private static final String READING =
            "{\"celsius\":36.5,\"method\":\"FOREHEAD\",\"occurredAt\":\"2020-01-25T01:00:00Z\"}";

    @Autowired
    EventStore eventStore;

    private String person;
    private String caseId;

    @BeforeEach
    void openACaseInCompoundThree() {
        CLOCK.set(Instant.parse("2020-01-25T02:00:00Z"));
        person = UUID.randomUUID().toString();
        HttpResponse<String> created = post(CASES, "{\"personId\":\"" + person + "\",\"arrivalDate\":\"2020-01-24\","
                + "\"kind\":\"HOME\",\"reason\":\"close contact\",\"compoundId\":\"compound-3\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        caseId = json(created).get("id").asText();
        assertThat(json(created).get("communityId").asText()).isEqualTo("anguo-road");
        assertThat(json(created).get("compoundId").asText()).isEqualTo("compound-3");
    }

    @ParameterizedTest(name = "{0} {1} as {2} → {3}")
    @CsvSource(nullValues = "none", value = {
            "temperatures,  '" + READING + "',                 operator, 403",
            "temperatures,  '" + READING + "',                 auditor,  403",
            "temperatures,  '" + READING + "',                 none,     401",
            "symptoms,      '{\"symptoms\":[\"cough\"],\"occurredAt\":\"2020-01-25T01:00:00Z\"}', county, 403",
            "extension,     '{\"days\":3,\"reason\":\"r\"}',   auditor,  403",
            "extension,     '{\"days\":3,\"reason\":\"r\"}',   county,   403",
            "transfer,      '{\"facility\":\"f\",\"reason\":\"r\"}', admin, 403",
            "early-release, '{\"reason\":\"r\"}',              operator, 403",
            "completion,    '',                                auditor,  403",
            "supply-requests, '{\"items\":[\"rice\"],\"address\":\"a\"}', county, 403",
    })
    void aWriteByARoleThatMayNotDoItIsRefusedAndStoresNothing(String resource, String body, String role,
                                                             int status) {
        long events = events();

        HttpResponse<String> response = post(CASES + "/" + caseId + "/" + resource, body, "X-Actor-Role", role);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void aMedicRecordsReadingsAsHimselfAndAuditorsAndTheCountyRead() {
        HttpResponse<String> reading = post(CASES + "/" + caseId + "/temperatures", READING,
                "X-Actor", "medic-7", "X-Actor-Role", "medic");
        assertThat(reading.statusCode()).as(reading.body()).isEqualTo(200);
        assertThat(json(reading).get("readings").get(0).get("medic").asText()).isEqualTo("medic-7");

        assertThat(get(CASES + "/" + caseId, "X-Actor-Role", "auditor").statusCode()).isEqualTo(200);
        assertThat(get(CASES + "/" + caseId, "X-Actor-Role", "county", "X-Community-Id", "*").statusCode())
                .isEqualTo(200);
        assertThat(get(CASES + "/" + caseId, "X-Actor-Role", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/boards/quarantine", "X-Actor-Role", "county", "X-Community-Id", "*").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aCaseOutsideTheCallersJurisdictionIsNotFoundForReadsAndWritesAndListedNowhere() {
        long events = events();

        HttpResponse<String> otherCommunity = get(CASES + "/" + caseId, "X-Community-Id", "jianshe-road");
        HttpResponse<String> otherCompound = get(CASES + "/" + caseId, "X-Actor-Compounds", "compound-1,compound-2");
        HttpResponse<String> write = post(CASES + "/" + caseId + "/temperatures", READING,
                "X-Actor-Role", "medic", "X-Community-Id", "jianshe-road");
        HttpResponse<String> extension = post(CASES + "/" + caseId + "/extension", "{\"days\":3,\"reason\":\"r\"}",
                "X-Actor-Compounds", "compound-1");
        HttpResponse<String> list = get(CASES + "?personId=" + person, "X-Community-Id", "jianshe-road");
        HttpResponse<String> restart = post(CASES, "{\"personId\":\"" + person + "\",\"arrivalDate\":\"2020-01-24\","
                + "\"kind\":\"HOME\",\"reason\":\"again\"}", "X-Community-Id", "jianshe-road");

        assertThat(otherCommunity.statusCode()).isEqualTo(404);
        assertThat(json(otherCommunity).get("type").asText()).isEqualTo("https://lianfang.org/problems/not-found");
        assertThat(otherCompound.statusCode()).isEqualTo(404);
        assertThat(write.statusCode()).isEqualTo(404);
        assertThat(extension.statusCode()).isEqualTo(404);
        assertThat(restart.statusCode()).as("does not reveal the other community's case").isEqualTo(404);
        assertThat(json(list).get("items")).isEmpty();
        assertThat(events()).isEqualTo(events);
        assertThat(get(CASES + "/" + caseId, "X-Actor-Compounds", "compound-3").statusCode()).isEqualTo(200);
        assertThat(json(get(CASES + "?personId=" + person)).get("items")).hasSize(1);
    }

    @Test
    void aStartNeedsTheCallersCommunity() {
        HttpResponse<String> county = post(CASES, "{\"personId\":\"" + UUID.randomUUID() + "\",\"arrivalDate\":"
                + "\"2020-01-24\",\"kind\":\"HOME\",\"reason\":\"r\"}", "X-Community-Id", null);

        assertThat(county.statusCode()).as(county.body()).isEqualTo(400);
        assertThat(json(county).get("errors").get(0).get("field").asText()).isEqualTo("X-Community-Id");
    }

    private long events() {
        return eventStore.readEvents(caseId).asStream().count();
    }
}
