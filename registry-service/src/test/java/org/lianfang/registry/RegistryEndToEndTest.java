package org.lianfang.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lianfang.contracts.registry.GridRoleAssigned;
import org.lianfang.contracts.registry.PersonDetailsCorrected;
import org.lianfang.contracts.registry.PersonRegistered;
import org.lianfang.contracts.registry.TraceCallRecorded;
import org.lianfang.registry.person.command.ResidentIdClaims;
import org.lianfang.registry.person.query.PersonProjection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The proving slice, end to end over HTTP: register, read back, refuse bad input without storing
 * anything, idempotent retries across a restart, one person per ID number, health and metrics.
 */
class RegistryEndToEndTest extends RegistrySpringTest {

    private static final String PERSONS = "/api/v1/persons";
    private static final String COMPOUNDS = "/api/v1/compounds";
    private static final String HOUSEHOLDS = "/api/v1/households";

    @Test
    void aRegisteredPersonCanBeReadBackWithTheIdNumberMasked() {
        HttpResponse<String> created = post(port, person("王五", "41132419900307456" + "2", "WUHAN"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        JsonNode body = json(created);
        String id = body.get("id").asText();
        assertThat(location).isEqualTo(PERSONS + "/" + id);
        assertThat(body.get("residentIdNumber").asText()).isEqualTo("4113**********4562");

        HttpResponse<String> read = get(port, location);

        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode person = json(read);
        assertThat(person.get("id").asText()).isEqualTo(id);
        assertThat(person.get("name").asText()).isEqualTo("王五");
        assertThat(person.get("residentIdNumber").asText()).isEqualTo("4113**********4562");
        assertThat(person.get("origin").asText()).isEqualTo("WUHAN");
        assertThat(person.get("arrivalDate").asText()).isEqualTo("2020-01-24");
        assertThat(person.get("communityId").asText()).isEqualTo("anguo-road");
        assertThat(person.get("registeredBy").asText()).isEqualTo("registrar-1");
        assertThat(read.body()).doesNotContain("411324199003074562");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                database().getCollection(PersonProjection.COLLECTION).find(new Document("_id", id)).first())
                .isNotNull());
        assertThat(registeredEvents()).filteredOn(e -> e.getPayload() instanceof PersonRegistered)
                .extracting(e -> ((PersonRegistered) e.getPayload()).personId().value()).contains(id);
    }

    @Test
    void aPersonJustRegisteredCanBeReadBeforeTheProjectionCatchesUp() {
        EventProcessor projection = processing.eventProcessor(PersonProjection.PROCESSING_GROUP).orElseThrow();
        projection.shutDown();
        try {
            HttpResponse<String> created = post(port, person("赵六", "11010519491231002X", "HUBEI_OTHER"));
            String location = created.headers().firstValue("Location").orElseThrow();

            HttpResponse<String> read = get(port, location);

            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(json(read).get("name").asText()).isEqualTo("赵六");
            assertThat(database().getCollection(PersonProjection.COLLECTION)
                    .find(new Document("_id", json(created).get("id").asText())).first()).isNull();
        } finally {
            projection.start();
        }
    }

    @Test
    void anUnknownPersonIsA404Problem() {
        HttpResponse<String> response = get(port, PERSONS + "/" + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json(response).get("type").asText()).isEqualTo("https://lianfang.org/problems/not-found");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing name        | {\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\"} | name",
            "blank name          | {\"name\":\"  \",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\"} | name",
            "name too long       | {\"name\":\"" + "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN" + "\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\"} | name",
            "wrong check digit   | {\"name\":\"a\",\"residentIdNumber\":\"440304198512010018\",\"origin\":\"LOCAL\"} | residentIdNumber",
            "impossible birthday | {\"name\":\"a\",\"residentIdNumber\":\"440304198502300011\",\"origin\":\"LOCAL\"} | residentIdNumber",
            "born in 2999        | {\"name\":\"a\",\"residentIdNumber\":\"41132429990101077X\",\"origin\":\"LOCAL\"} | residentIdNumber",
            "name zero-width     | {\"name\":\"\\u200b\\u200b\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\"} | name",
            "name bidi override  | {\"name\":\"\\u202e\\u202e\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\"} | name",
            "name with NUL       | {\"name\":\"a\\u0000b\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\"} | name",
            "occurredAt a number | {\"name\":\"a\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\",\"occurredAt\":1580000000} | occurredAt",
            "too short id        | {\"name\":\"a\",\"residentIdNumber\":\"44030419851201001\",\"origin\":\"LOCAL\"} | residentIdNumber",
            "unknown field       | {\"name\":\"a\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\",\"colour\":\"red\"} | colour",
            "name as number      | {\"name\":7,\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\"} | name",
            "unknown origin      | {\"name\":\"a\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"MARS\"} | origin",
            "origin missing      | {\"name\":\"a\",\"residentIdNumber\":\"440304198512010019\"} | origin",
            "date not a date     | {\"name\":\"a\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"WUHAN\",\"arrivalDate\":\"yesterday\"} | arrivalDate",
            "arrival in future   | {\"name\":\"a\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"WUHAN\",\"arrivalDate\":\"2999-01-01\"} | arrivalDate",
            "returnee no arrival | {\"name\":\"a\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"WUHAN\"} | arrivalDate",
            "bad phone           | {\"name\":\"a\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\",\"phone\":\"12345\"} | phone",
    })
    void badInputIsA400NamingTheFieldAndNothingIsStored(String description, String body, String field) {
        Snapshot before = snapshot();

        HttpResponse<String> response = post(port, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = json(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://lianfang.org/problems/validation");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).contains(field);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void malformedJsonAndOversizedBodiesAreRefusedAndNothingIsStored() {
        Snapshot before = snapshot();

        HttpResponse<String> malformed = post(port, "{\"name\":\"a\",");
        HttpResponse<String> oversized = post(port, "{\"name\":\"a\",\"address\":\"" + "x".repeat(300 * 1024)
                + "\",\"residentIdNumber\":\"440304198512010019\",\"origin\":\"LOCAL\"}");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(oversized.statusCode()).isEqualTo(413);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void registeringTheSameIdNumberAgainAnswers200WithTheExistingPersonAndCorrectsOnlyWhatDiffers() {
        HttpResponse<String> first = post(port, person("孙七", "310115197001017512", "ELSEWHERE"));
        long events = registeredEvents().size();

        HttpResponse<String> same = post(port, person("孙七", "310115197001017512", "ELSEWHERE"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(json(same).get("id").asText()).isEqualTo(json(first).get("id").asText());
        assertThat(registeredEvents()).hasSize((int) events);

        HttpResponse<String> again = post(port, person("孙七 (again)", "310115197001017512", "WUHAN"));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("id").asText()).isEqualTo(json(first).get("id").asText());
        assertThat(json(again).get("name").asText()).isEqualTo("孙七 (again)");
        assertThat(json(again).get("origin").asText()).isEqualTo("WUHAN");
        assertThat(registeredEvents()).filteredOn(e -> e.getPayload() instanceof PersonRegistered r
                && r.personId().value().equals(json(first).get("id").asText())).hasSize(1);
        PersonDetailsCorrected correction = registeredEvents().stream()
                .filter(e -> e.getPayload() instanceof PersonDetailsCorrected c
                        && c.personId().value().equals(json(first).get("id").asText()))
                .map(e -> (PersonDetailsCorrected) e.getPayload()).findFirst().orElseThrow();
        assertThat(correction.changedFields()).containsExactly("name", "origin");
        assertThat(correction.correctedBy()).isEqualTo("registrar-1");
        assertThat(get(port, PERSONS + "/" + json(first).get("id").asText() + "/colour").body())
                .contains("\"colour\":\"RED\"", "NOT_REPORTED_IN_TIME", "PersonDetailsCorrected");
    }

    @Test
    void aWuhanReturneeUnreachableThreeTimesIsRedThenReachedAndVerifiedIsBlueAndTheColourSaysWhy() {
        String id = json(post(port, returnee("陈一", "410101199001010016"))).get("id").asText();
        String calls = PERSONS + "/" + id + "/trace-calls";

        assertThat(json(postTo(port, calls, "{\"outcome\":\"UNREACHABLE\",\"calledBy\":\"caller-1\"}"))
                .get("colour").asText()).isEqualTo("YELLOW");
        postTo(port, calls, "{\"outcome\":\"UNREACHABLE\",\"calledBy\":\"caller-1\"}");
        HttpResponse<String> third = postTo(port, calls, "{\"outcome\":\"UNREACHABLE\",\"note\":\"关机\"}");

        assertThat(third.statusCode()).as(third.body()).isEqualTo(200);
        JsonNode red = json(get(port, PERSONS + "/" + id + "/colour"));
        assertThat(red.get("colour").asText()).isEqualTo("RED");
        assertThat(red.get("rule").asText()).isEqualTo("UNREACHABLE");
        assertThat(red.get("reason").asText()).contains("3 unreachable calls in a row");
        assertThat(red.get("owner").get("roles")).extracting(JsonNode::asText)
                .containsExactly("PARTY_SECRETARY", "LEADER_IN_CHARGE");
        assertThat(red.get("causedBy").get("type").asText()).isEqualTo("TraceCallRecorded");
        String causingEventId = red.get("causedBy").get("eventId").asText();
        TrackedEventMessage<?> cause = registeredEvents().stream()
                .filter(e -> e.getIdentifier().equals(causingEventId)).findFirst().orElseThrow();
        assertThat(((TraceCallRecorded) cause.getPayload()).note()).isEqualTo("关机");
        assertThat(((TraceCallRecorded) cause.getPayload()).calledBy()).isEqualTo("registrar-1");

        postTo(port, calls, "{\"outcome\":\"REACHED\",\"calledBy\":\"caller-2\"}");
        HttpResponse<String> verified = postTo(port, PERSONS + "/" + id + "/verification",
                "{\"inHomeQuarantine\":true,\"verifiedBy\":\"verifier-1\"}");

        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        JsonNode blue = json(get(port, PERSONS + "/" + id + "/colour"));
        assertThat(blue.get("colour").asText()).isEqualTo("BLUE");
        assertThat(blue.get("rule").asText()).isEqualTo("VERIFIED_IN_HOME_QUARANTINE");
        assertThat(blue.get("history")).extracting(change -> change.get("to").asText() + " "
                        + change.get("rule").asText() + " " + change.get("causedBy").get("type").asText())
                .containsExactly("YELLOW AWAITING_CONTACT PersonRegistered",
                        "RED UNREACHABLE TraceCallRecorded",
                        "YELLOW REACHED_BEING_VERIFIED TraceCallRecorded",
                        "BLUE VERIFIED_IN_HOME_QUARANTINE PersonVerified");
        assertThat(blue.get("history").get(2).get("owner").get("staffMember").asText()).isEqualTo("caller-2");
        assertThat(blue.get("history")).allSatisfy(change -> assertThat(change.get("causedBy").get("eventId").asText())
                .isNotBlank());
        assertThat(json(get(port, PERSONS + "/" + id)).get("colour").asText()).isEqualTo("BLUE");
    }

    @Test
    void aManualColourNeedsAReasonAndAnActorAndHoldsUntilLifted() {
        String id = json(post(port, returnee("陈二", "410101199001020011"))).get("id").asText();
        String override = PERSONS + "/" + id + "/colour-override";

        JsonNode set = json(postTo(port, override, "{\"colour\":\"RED\",\"reason\":\"拒不配合\"}",
                "X-Actor", "secretary-1"));
        assertThat(set.get("colour").asText()).isEqualTo("RED");
        assertThat(set.get("override").get("setBy").asText()).isEqualTo("secretary-1");
        assertThat(set.get("reason").asText()).contains("拒不配合");

        HttpResponse<String> lifted = delete(port, override + "?reason=" + URLEncoder.encode("配合了",
                StandardCharsets.UTF_8), "X-Actor", "secretary-1");

        assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(200);
        assertThat(json(lifted).get("colour").asText()).isEqualTo("YELLOW");
        assertThat(json(lifted).get("override").isNull()).isTrue();
        assertThat(json(lifted).get("causedBy").get("type").asText()).isEqualTo("ColourOverrideLifted");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "call without outcome      | trace-calls     | {}                                              | outcome",
            "call with unknown outcome | trace-calls     | {\"outcome\":\"MAYBE\"}                          | outcome",
            "call in the future        | trace-calls     | {\"outcome\":\"REACHED\",\"calledAt\":\"2999-01-01T00:00:00Z\"} | calledAt",
            "call with long note       | trace-calls     | {\"outcome\":\"REACHED\",\"note\":\"" + "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN" + "\"} | note",
            "verification without flag | verification    | {\"verifiedBy\":\"v\"}                            | inHomeQuarantine",
            "departure without place   | departure       | {\"destination\":\"  \"}                           | destination",
            "notice of unknown kind    | notices         | {\"kind\":\"LEAFLET\"}                             | kind",
            "override without reason   | colour-override | {\"colour\":\"RED\"}                               | reason",
            "override of no colour     | colour-override | {\"colour\":\"PURPLE\",\"reason\":\"x\"}             | colour",
            "unknown field             | departure       | {\"destination\":\"郑州\",\"by\":\"me\"}             | by",
    })
    void badLifecycleInputIsA400NamingTheFieldAndNothingIsStored(String description, String resource, String body,
            String field) {
        String id = json(post(port, returnee("陈三", "410101199001030017"))).get("id").asText();
        Snapshot before = snapshot();

        HttpResponse<String> response = postTo(port, PERSONS + "/" + id + "/" + resource, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("type").asText()).isEqualTo("https://lianfang.org/problems/validation");
        assertThat(json(response).get("errors")).extracting(e -> e.get("field").asText()).contains(field);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aManualColourFromAnAnonymousCallerOrWithoutAReasonToLiftIsA400() {
        String id = json(post(port, returnee("陈四", "410101199001040012"))).get("id").asText();
        Snapshot before = snapshot();

        HttpResponse<String> anonymous = postTo(port, PERSONS + "/" + id + "/colour-override",
                "{\"colour\":\"RED\",\"reason\":\"x\"}", "X-Actor", "");
        HttpResponse<String> noReason = delete(port, PERSONS + "/" + id + "/colour-override", "X-Actor", "secretary-1");

        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(400);
        assertThat(json(anonymous).get("errors")).extracting(e -> e.get("field").asText()).contains("X-Actor");
        assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(400);
        assertThat(json(noReason).get("errors")).extracting(e -> e.get("field").asText()).contains("reason");
        assertThat(snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "trace-calls     | {\"outcome\":\"REACHED\"}",
            "verification    | {\"inHomeQuarantine\":true}",
            "departure       | {\"destination\":\"郑州\"}",
            "notices         | {\"kind\":\"NOTICE\"}",
            "colour-override | {\"colour\":\"RED\",\"reason\":\"x\"}",
    })
    void anUnknownPersonIsA404ForEverySubResourceAndNothingIsStored(String resource, String body) {
        String unknown = UUID.randomUUID().toString();
        Snapshot before = snapshot();

        HttpResponse<String> response = postTo(port, PERSONS + "/" + unknown + "/" + resource, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(json(response).get("type").asText()).isEqualTo("https://lianfang.org/problems/not-found");
        assertThat(get(port, PERSONS + "/" + unknown + "/colour").statusCode()).isEqualTo(404);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void ruleViolationsAreA409NamingTheRuleAndNothingIsStored() {
        String id = json(post(port, returnee("陈五", "410101199001050018"))).get("id").asText();
        postTo(port, PERSONS + "/" + id + "/departure", "{\"destination\":\"郑州\"}");
        postTo(port, PERSONS + "/" + id + "/notices", "{\"kind\":\"COMMITMENT\"}");
        Snapshot before = snapshot();

        HttpResponse<String> departAgain = postTo(port, PERSONS + "/" + id + "/departure", "{\"destination\":\"南阳\"}");
        HttpResponse<String> verifyGone = postTo(port, PERSONS + "/" + id + "/verification",
                "{\"inHomeQuarantine\":true}");
        HttpResponse<String> signAgain = postTo(port, PERSONS + "/" + id + "/notices", "{\"kind\":\"COMMITMENT\"}");
        HttpResponse<String> liftNothing = delete(port, PERSONS + "/" + id + "/colour-override?reason=x",
                "X-Actor", "secretary-1");

        assertThat(List.of(departAgain, verifyGone, signAgain, liftNothing)).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
            assertThat(json(response).get("type").asText()).isEqualTo("https://lianfang.org/problems/rule-violation");
        });
        assertThat(List.of(departAgain, verifyGone, signAgain, liftNothing)).extracting(r -> json(r).get("rule").asText())
                .containsExactly("person-already-departed", "person-departed", "notice-already-signed",
                        "no-colour-override");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(json(get(port, PERSONS + "/" + id + "/colour")).get("colour").asText()).isEqualTo("BLUE");
    }

    @Test
    void aCompoundsGridIsStaffedAndItsLeaderCanBeReplacedButNotRemoved() {
        HttpResponse<String> created = postTo(port, COMPOUNDS, "{\"name\":\"安国小区\",\"community\":\"安国路社区\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = json(created).get("id").asText();
        assertThat(location).isEqualTo(COMPOUNDS + "/" + id);
        postTo(port, location + "/grid-roles", "{\"role\":\"GRID_LEADER\",\"staffMember\":\"王书记\"}");
        postTo(port, location + "/grid-roles", "{\"role\":\"SUPPLIES_BUYER\",\"staffMember\":\"赵师傅\"}");
        JsonNode replaced = json(postTo(port, location + "/grid-roles",
                "{\"role\":\"GRID_LEADER\",\"staffMember\":\"李主任\"}"));
        assertThat(replaced.get("gridRoles").get("GRID_LEADER").get("staffMember").asText()).isEqualTo("李主任");
        assertThat(registeredEvents()).filteredOn(e -> e.getPayload() instanceof GridRoleAssigned a
                && a.compoundId().equals(id)).extracting(e -> ((GridRoleAssigned) e.getPayload()).previous())
                .containsExactly(null, null, "王书记");
        Snapshot before = snapshot();

        HttpResponse<String> removeLeader = delete(port, location + "/grid-roles/GRID_LEADER");

        assertThat(removeLeader.statusCode()).as(removeLeader.body()).isEqualTo(409);
        assertThat(json(removeLeader).get("rule").asText()).isEqualTo("compound-needs-grid-leader");
        assertThat(snapshot()).isEqualTo(before);

        HttpResponse<String> removeBuyer = delete(port, location + "/grid-roles/SUPPLIES_BUYER");

        assertThat(removeBuyer.statusCode()).as(removeBuyer.body()).isEqualTo(200);
        JsonNode compound = json(get(port, location));
        assertThat(compound.get("name").asText()).isEqualTo("安国小区");
        assertThat(compound.get("community").asText()).isEqualTo("安国路社区");
        assertThat(compound.get("registeredBy").asText()).isEqualTo("registrar-1");
        assertThat(compound.get("gridRoles").has("SUPPLIES_BUYER")).isFalse();
        assertThat(compound.get("gridRoles").get("GRID_LEADER").get("assignedBy").asText()).isEqualTo("registrar-1");
    }

    @Test
    void badCompoundRequestsAre400Or404AndNothingIsStored() {
        String location = postTo(port, COMPOUNDS, "{\"name\":\"建设小区\",\"community\":\"安国路社区\"}")
                .headers().firstValue("Location").orElseThrow();
        String personId = json(post(port, returnee("陈六", "410101199001060013"))).get("id").asText();
        Snapshot before = snapshot();

        assertThat(fields(postTo(port, COMPOUNDS, "{\"community\":\"安国路社区\"}"))).contains("name");
        assertThat(fields(postTo(port, location + "/grid-roles", "{\"role\":\"CAPTAIN\",\"staffMember\":\"x\"}")))
                .contains("role");
        assertThat(fields(postTo(port, location + "/grid-roles", "{\"role\":\"GRID_LEADER\",\"staffMember\":\" \"}")))
                .contains("staffMember");
        assertThat(fields(delete(port, location + "/grid-roles/CAPTAIN"))).contains("role");
        HttpResponse<String> vacant = delete(port, location + "/grid-roles/RETURNEE_REGISTRAR");
        assertThat(vacant.statusCode()).isEqualTo(409);
        assertThat(json(vacant).get("rule").asText()).isEqualTo("grid-role-not-assigned");
        String unknown = COMPOUNDS + "/compound-" + UUID.randomUUID();
        assertThat(get(port, unknown).statusCode()).isEqualTo(404);
        assertThat(postTo(port, unknown + "/grid-roles", "{\"role\":\"GRID_LEADER\",\"staffMember\":\"x\"}")
                .statusCode()).isEqualTo(404);
        assertThat(get(port, COMPOUNDS + "/" + personId).statusCode()).isEqualTo(404);
        assertThat(postTo(port, PERSONS + "/" + location.substring(COMPOUNDS.length() + 1) + "/trace-calls",
                "{\"outcome\":\"REACHED\"}").statusCode()).isEqualTo(404);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void personsAreListedByCompoundColourAndOriginPageByPage() {
        String wuhan = json(post(port, "{\"name\":\"列一\",\"residentIdNumber\":\"410101199001070019\","
                + "\"origin\":\"WUHAN\",\"arrivalDate\":\"" + LocalDate.now() + "\",\"compound\":\"列表小区\"}"))
                .get("id").asText();
        String elsewhere = json(post(port, "{\"name\":\"列二\",\"residentIdNumber\":\"410101199001080014\","
                + "\"origin\":\"ELSEWHERE\",\"arrivalDate\":\"" + LocalDate.now() + "\",\"compound\":\"列表小区\"}"))
                .get("id").asText();
        String compound = URLEncoder.encode("列表小区", StandardCharsets.UTF_8);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                json(get(port, PERSONS + "?compound=" + compound)).get("items")).hasSize(2));
        JsonNode first = json(get(port, PERSONS + "?compound=" + compound + "&limit=1"));
        JsonNode second = json(get(port, PERSONS + "?compound=" + compound + "&limit=1&cursor="
                + first.get("nextCursor").asText()));
        JsonNode yellow = json(get(port, PERSONS + "?compound=" + compound + "&colour=YELLOW&origin=WUHAN"));
        JsonNode green = json(get(port, PERSONS + "?compound=" + compound + "&colour=GREEN"));

        assertThat(List.of(first.get("items").get(0).get("id").asText(), second.get("items").get(0).get("id").asText()))
                .containsExactlyInAnyOrder(wuhan, elsewhere);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(yellow.get("items")).extracting(p -> p.get("id").asText()).containsExactly(wuhan);
        assertThat(green.get("items")).extracting(p -> p.get("id").asText()).containsExactly(elsewhere);
        assertThat(green.get("items").get(0).get("residentIdNumber").asText()).isEqualTo("4101**********0014");
        assertThat(fields(get(port, PERSONS + "?colour=PURPLE"))).contains("colour");
        assertThat(fields(get(port, PERSONS + "?limit=0"))).contains("limit");
        assertThat(fields(get(port, PERSONS + "?limit=201"))).contains("limit");
    }

    @Test
    void aHouseholdIsRegisteredOncePerAddressAndTakesRegisteredPersonsAsMembers() {
        String compound = json(postTo(port, COMPOUNDS, "{\"name\":\"户籍小区\",\"community\":\"安国路社区\"}"))
                .get("id").asText();
        String address = "{\"compoundId\":\"" + compound + "\",\"building\":\"3号楼\",\"unit\":\"2单元\",\"room\":\"301\"}";
        String personId = json(post(port, returnee("户一", "41010119900109001X"))).get("id").asText();

        HttpResponse<String> created = postTo(port, HOUSEHOLDS, address);
        HttpResponse<String> again = postTo(port, HOUSEHOLDS, address);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        String id = json(created).get("id").asText();
        assertThat(json(again).get("id").asText()).isEqualTo(id);
        JsonNode withMember = json(postTo(port, HOUSEHOLDS + "/" + id + "/members",
                "{\"personId\":\"" + personId + "\"}"));
        assertThat(withMember.get("members")).extracting(JsonNode::asText).containsExactly(personId);
        assertThat(json(get(port, HOUSEHOLDS + "/" + id)).get("room").asText()).isEqualTo("301");
        Snapshot before = snapshot();

        assertThat(fields(postTo(port, HOUSEHOLDS + "/" + id + "/members",
                "{\"personId\":\"" + UUID.randomUUID() + "\"}"))).contains("personId");
        assertThat(fields(postTo(port, HOUSEHOLDS, "{\"compoundId\":\"compound-" + UUID.randomUUID()
                + "\",\"building\":\"1\",\"room\":\"1\"}"))).contains("compoundId");
        assertThat(fields(postTo(port, HOUSEHOLDS, "{\"compoundId\":\"" + compound + "\",\"building\":\"1\"}")))
                .contains("room");
        assertThat(get(port, HOUSEHOLDS + "/household-" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(postTo(port, HOUSEHOLDS + "/" + personId + "/members", "{\"personId\":\"" + personId + "\"}")
                .statusCode()).isEqualTo(404);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aClaimLeftByARegistrationThatDiedIsCompletedByTheNextOne() {
        String number = "411324200002290015";
        String orphanId = UUID.randomUUID().toString();
        database().getCollection(ResidentIdClaims.COLLECTION).insertOne(new Document("_id", hasher.hash(number))
                .append("personId", orphanId).append("claimedAt", new Date()));

        HttpResponse<String> response = post(port, person("周八", number, "LOCAL"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response).get("id").asText()).isEqualTo(orphanId);
    }

    @Test
    void claimsHoldAKeyedHashNotTheIdNumber() {
        post(port, person("吴九", "110101198001010002", "LOCAL"));

        assertThat(database().getCollection(ResidentIdClaims.COLLECTION).find(
                new Document("_id", hasher.hash("110101198001010002"))).first()).isNotNull();
        database().getCollection(ResidentIdClaims.COLLECTION).find().forEach(claim ->
                assertThat(claim.toJson()).doesNotContain("110101198001010002"));
    }

    @Test
    void anIdempotentRetryReplaysTheFirstResponseEvenAfterARestart() {
        String key = "retry-" + UUID.randomUUID();
        String body = person("郑十", "41132419800101123X", "WUHAN");

        HttpResponse<String> first = post(port, body, "Idempotency-Key", key);
        long events = registeredEvents().size();
        HttpResponse<String> retry = post(port, body, "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");

        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(RegistryApplication.class)
                .run("--server.port=0", "--lianfang.mongodb.uri=" + STORE_URI, "--lianfang.mongodb.write-concern=w1")) {
            int restartedPort = ((WebServerApplicationContext) restarted).getWebServer().getPort();

            HttpResponse<String> afterRestart = post(restartedPort, body, "Idempotency-Key", key);
            HttpResponse<String> otherBody = post(restartedPort, person("郑十一", "41132419800101123X", "WUHAN"),
                    "Idempotency-Key", key);

            assertThat(afterRestart.statusCode()).isEqualTo(201);
            assertThat(afterRestart.body()).isEqualTo(first.body());
            assertThat(afterRestart.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(otherBody.statusCode()).isEqualTo(422);
            assertThat(get(restartedPort, first.headers().firstValue("Location").orElseThrow()).statusCode())
                    .isEqualTo(200);
        }
        assertThat(registeredEvents()).hasSize((int) events);
    }

    @Test
    void healthIsUpAndPrometheusHasAxonMetrics() {
        post(port, person("钱十二", "440304198512010019", "LOCAL"));

        HttpResponse<String> health = get(port, "/actuator/health");
        HttpResponse<String> prometheus = get(port, "/actuator/prometheus");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("UP");
        assertThat(json(health).get("components").get("mongo").get("status").asText()).isEqualTo("UP");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("commandBus", "eventProcessor", "person-view");
    }

    private static String person(String name, String idNumber, String origin) {
        String arrival = "LOCAL".equals(origin) ? "" : ",\"arrivalDate\":\"2020-01-24\"";
        return "{\"name\":\"" + name + "\",\"residentIdNumber\":\"" + idNumber + "\",\"phone\":\"19900000001\","
                + "\"origin\":\"" + origin + "\"" + arrival + ",\"compound\":\"安国小区\",\"address\":\"1号楼 1单元 100室\","
                + "\"transport\":\"自驾\",\"source\":\"COUNTY_LIST\"}";
    }

    /** A Wuhan returnee who arrived today and reported it at once (self-reported). */
    private static String returnee(String name, String idNumber) {
        return "{\"name\":\"" + name + "\",\"residentIdNumber\":\"" + idNumber + "\",\"phone\":\"19900000002\","
                + "\"origin\":\"WUHAN\",\"arrivalDate\":\"" + LocalDate.now() + "\",\"compound\":\"安国小区\","
                + "\"source\":\"SELF_REPORTED\"}";
    }
}
