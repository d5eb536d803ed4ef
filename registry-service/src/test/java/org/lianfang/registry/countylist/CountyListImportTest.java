package org.lianfang.registry.countylist;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import com.github.tomakehurst.wiremock.client.WireMock;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.registry.PersonDetailsCorrected;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.RegistrationSource;
import org.lianfang.registry.RegistrySpringTest;
import org.lianfang.registry.countylist.command.CountyListImport;
import org.lianfang.registry.countylist.command.CountyListImport.EntryOutcome;
import org.lianfang.registry.countylist.command.CountyListImport.PullOutcome;
import org.lianfang.registry.countylist.command.CountyListImport.PullResult;
import org.springframework.beans.factory.annotation.Autowired;

/** Pulling the county's list over HTTP (WireMock) into persons: idempotent, durable, and safe when the county fails. */
class CountyListImportTest extends RegistrySpringTest {

    private static final String PATH = "/returnee-lists";
    private static final String PULLS = "/api/v1/county-lists/pulls";

    @Autowired
    CountyListImport imports;

    private String run;

    @BeforeEach
    void freshList() {
        COUNTY.resetAll();
        database().getCollection(CountyListImport.PROGRESS).deleteMany(new Document());
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aPageBecomesPersonsOnceAndTheSameListAgainAddsNothing() {
        String known = json(post(port, "{\"name\":\"已知\",\"residentIdNumber\":\"410101199103010017\",\"phone\":"
                + "\"13700000000\",\"origin\":\"WUHAN\",\"arrivalDate\":\"" + LocalDate.now() + "\"}")).get("id").asText();
        String page = page("c-1", entry("new", "410101199103020012", "县一", "WUHAN"),
                entry("bad", "410101199103020019", "县二", "WUHAN"),
                entry("known", "410101199103010017", "已知", "WUHAN").replace("}", ",\"phone\":\"13711111111\"}"));
        COUNTY.stubFor(WireMock.get(urlPathEqualTo(PATH)).withQueryParam("cursor", absent()).willReturn(okJson(page)));
        COUNTY.stubFor(WireMock.get(urlPathEqualTo(PATH)).withQueryParam("cursor", equalTo("c-1"))
                .willReturn(okJson(page("c-1"))));

        HttpResponse<String> response = postTo(port, PULLS, "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode first = json(response);
        assertThat(first.get("outcome").asText()).isEqualTo("IMPORTED");
        assertThat(first.get("cursor").asText()).isEqualTo("c-1");
        assertThat(first.get("entries").get("REGISTERED").asInt()).isEqualTo(1);
        assertThat(first.get("entries").get("REJECTED").asInt()).isEqualTo(1);
        assertThat(first.get("entries").get("CORRECTED").asInt()).isEqualTo(1);
        COUNTY.verify(getRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer county-test")));
        String newPerson = imports.entry(run + "-new").orElseThrow().getString("personId");
        assertThat(imports.entry(run + "-known").orElseThrow().getString("personId")).isEqualTo(known);
        assertThat(imports.entry(run + "-bad").orElseThrow().getString("note")).contains("residentIdNumber");
        PersonRegistered registered = (PersonRegistered) eventStore.readEvents(newPerson, 0).asStream()
                .findFirst().orElseThrow().getPayload();
        assertThat(registered.source()).isEqualTo(RegistrationSource.COUNTY_LIST);
        assertThat(registered.registeredBy()).isEqualTo("county-list");
        JsonNode colour = json(get(port, "/api/v1/persons/" + newPerson + "/colour"));
        assertThat(colour.get("colour").asText()).isEqualTo("YELLOW");
        assertThat(colour.get("rule").asText()).isEqualTo("AWAITING_CONTACT");
        assertThat(json(get(port, "/api/v1/persons/" + newPerson)).get("communityId").asText()).isEqualTo(COMMUNITY);
        assertThat(eventStore.readEvents(known, 0).asStream().map(e -> e.getPayload())
                .filter(PersonDetailsCorrected.class::isInstance).map(PersonDetailsCorrected.class::cast))
                .singleElement().satisfies(c -> assertThat(c.changedFields()).containsExactly("phone", "transport"));
        int events = registeredEvents().size();

        database().getCollection(CountyListImport.PROGRESS).deleteMany(new Document());
        PullResult again = imports.pull();

        assertThat(again.entries()).containsEntry(EntryOutcome.ALREADY_IMPORTED, 3).hasSize(1);
        assertThat(registeredEvents()).hasSize(events);
    }

    @Test
    void aPullThatDiedMidPageResumesFromTheStagedPageWithoutAskingTheCountyAgain() {
        Document staged = new Document("cursor", "c-crash").append("nextCursor", "c-after").append("entries", List.of(
                stagedEntry("done", "410101199104010019"), stagedEntry("todo", "410101199104020014")));
        database().getCollection(CountyListImport.PROGRESS).replaceOne(Filters.eq("_id", COMMUNITY),
                new Document("_id", COMMUNITY).append("cursor", "c-crash").append("staged", staged),
                new ReplaceOptions().upsert(true));
        database().getCollection(CountyListImport.ENTRIES).insertOne(new Document("_id", COMMUNITY + "|" + run + "-done")
                .append("entryId", run + "-done").append("outcome", "REGISTERED"));
        COUNTY.stubFor(WireMock.get(urlPathEqualTo(PATH)).withQueryParam("cursor", equalTo("c-crash"))
                .willReturn(error(500)));
        COUNTY.stubFor(WireMock.get(urlPathEqualTo(PATH)).withQueryParam("cursor", equalTo("c-after"))
                .willReturn(okJson(page("c-after"))));

        PullResult result = imports.pull();

        assertThat(result.outcome()).isEqualTo(PullOutcome.IMPORTED);
        assertThat(result.entries()).containsEntry(EntryOutcome.ALREADY_IMPORTED, 1)
                .containsEntry(EntryOutcome.REGISTERED, 1);
        assertThat(result.cursor()).isEqualTo("c-after");
        COUNTY.verify(0, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("cursor", equalTo("c-crash")));
        assertThat(imports.state().get("staged")).isNull();
    }

    @Test
    void aFailingCountyImportsNothingKeepsTheCursorAndSaysWhy() {
        Snapshot before = snapshot();
        COUNTY.stubFor(WireMock.get(urlPathEqualTo(PATH)).willReturn(error(500)));
        PullResult failing = imports.pull();
        COUNTY.resetAll();
        COUNTY.stubFor(WireMock.get(urlPathEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        PullResult reset = imports.pull();
        COUNTY.resetAll();
        COUNTY.stubFor(WireMock.get(urlPathEqualTo(PATH)).willReturn(okJson(page("c-9",
                entry("slow", "410101199105010010", "慢", "WUHAN"))).withFixedDelay(2000)));
        PullResult slow = imports.pull();
        COUNTY.resetAll();
        COUNTY.stubFor(WireMock.get(urlPathEqualTo(PATH)).willReturn(okJson("<html>county maintenance</html>")));
        PullResult garbage = imports.pull();

        assertThat(List.of(failing.outcome(), reset.outcome(), slow.outcome(), garbage.outcome()))
                .containsExactly(PullOutcome.UNAVAILABLE, PullOutcome.UNAVAILABLE, PullOutcome.UNAVAILABLE,
                        PullOutcome.MALFORMED);
        assertThat(garbage.problem()).contains("malformed");
        assertThat(imports.state().getString("cursor")).isNull();
        assertThat(imports.state().get("staged")).isNull();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(get(port, "/actuator/prometheus").body())
                .contains("registry_county_list_pulls_total{outcome=\"unavailable\"")
                .contains("registry_county_list_pulls_total{outcome=\"malformed\"");
        JsonNode status = json(get(port, "/api/v1/county-lists/status"));
        assertThat(status.get("lastPull").get("outcome").asText()).isEqualTo("MALFORMED");
        assertThat(status.get("circuit").asText()).isEqualTo("CLOSED");
    }

    @Test
    void aLongOutageOverSeveralPullsThenAMultiPageBacklogImportsEveryEntryExactlyOnce() {
        COUNTY.stubFor(WireMock.get(urlPathEqualTo(PATH)).willReturn(error(503)));
        for (int pull = 0; pull < 4; pull++) {
            assertThat(imports.pull().outcome()).isEqualTo(PullOutcome.UNAVAILABLE);
        }
        assertThat(imports.state().getString("cursor")).as("the outage moves nothing").isNull();
        int before = registeredEvents().size();

        COUNTY.resetAll();
        int pages = 5;
        int perPage = 30;
        List<String> numbers = new java.util.ArrayList<>();
        for (int p = 0; p < pages; p++) {
            String[] entries = new String[perPage];
            for (int i = 0; i < perPage; i++) {
                String first17 = "410101" + LocalDate.of(1960, 1, 1).plusDays(p * perPage + i)
                        .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + "%03d".formatted(
                        Math.floorMod(run.hashCode(), 900) + 100);
                String number = first17 + org.lianfang.contracts.registry.ResidentIdNumber.checkCharacter(first17);
                numbers.add(number);
                entries[i] = entry("b" + p + "-" + i, number, "积压" + p + "-" + i, "WUHAN");
            }
            COUNTY.stubFor(WireMock.get(urlPathEqualTo(PATH))
                    .withQueryParam("cursor", p == 0 ? absent() : equalTo(run + "-p" + p))
                    .willReturn(okJson(page(run + "-p" + (p + 1), entries))));
        }
        COUNTY.stubFor(WireMock.get(urlPathEqualTo(PATH)).withQueryParam("cursor", equalTo(run + "-p" + pages))
                .willReturn(okJson(page(run + "-p" + pages))));

        PullResult drained = imports.pull();
        PullResult again = imports.pull();

        assertThat(drained.outcome()).isEqualTo(PullOutcome.IMPORTED);
        assertThat(drained.entries()).containsEntry(EntryOutcome.REGISTERED, pages * perPage);
        assertThat(drained.cursor()).isEqualTo(run + "-p" + pages);
        for (int p = 1; p <= pages; p++) {
            COUNTY.verify(p == pages ? 2 : 1, getRequestedFor(urlPathEqualTo(PATH))
                    .withQueryParam("cursor", equalTo(run + "-p" + p)));
        }
        assertThat(again.entries()).doesNotContainKey(EntryOutcome.REGISTERED);
        List<PersonRegistered> registered = registeredEvents().stream().skip(before)
                .map(e -> e.getPayload()).filter(PersonRegistered.class::isInstance).map(PersonRegistered.class::cast)
                .toList();
        assertThat(registered).hasSize(pages * perPage);
        assertThat(registered.stream().map(r -> r.residentIdNumber().value()).toList())
                .as("each entry became one person, none twice").containsExactlyInAnyOrderElementsOf(numbers);
    }

    private String entry(String id, String number, String name, String origin) {
        return "{\"entryId\":\"" + run + "-" + id + "\",\"residentIdNumber\":\"" + number + "\",\"name\":\"" + name
                + "\",\"origin\":\"" + origin + "\",\"arrivalDate\":\"" + LocalDate.now() + "\",\"comingFrom\":\"武汉\"}";
    }

    private Document stagedEntry(String id, String number) {
        return new Document("entryId", run + "-" + id).append("residentIdNumber", number).append("name", "断点")
                .append("origin", "HUBEI_OTHER").append("arrivalDate", LocalDate.now().toString());
    }

    private static String page(String nextCursor, String... entries) {
        return "{\"entries\":[" + String.join(",", entries) + "],\"nextCursor\":\"" + nextCursor + "\"}";
    }

    /** An error response as servers send them: a status with a small body (and its length). */
    private static ResponseDefinitionBuilder error(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"" + status + "\"}");
    }
}
