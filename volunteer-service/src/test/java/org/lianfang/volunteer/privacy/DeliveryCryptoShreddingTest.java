package org.lianfang.volunteer.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.lianfang.contracts.MetadataKeys;
import org.lianfang.contracts.PersonScoped;
import org.lianfang.contracts.privacy.PersonErased;
import org.lianfang.contracts.privacy.PersonalData;
import org.lianfang.contracts.registry.HouseholdMemberAdded;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.volunteer.DeliveryOrdered;
import org.lianfang.devstore.DevStore;
import org.lianfang.eventstore.EventStoreSerializers;
import org.lianfang.eventstore.IndexedMongoEventStorageEngine;
import org.lianfang.platform.privacy.SubjectKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Delivery orders with crypto-shredding on (own store, so no context without the master key reads
 * these events): the address and notes never reach the event store — nor the idempotency records —
 * in plain text; after the household's person is erased at the registry, or an order naming nobody
 * is erased by its own subject here, the events read as erased, the delivery read model is scrubbed
 * and the day's counts stay.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"lianfang.privacy.master-key=volunteer-test-master-key-0123456789abcdef",
                "lianfang.privacy.key-cache-ttl=0s"})
class DeliveryCryptoShreddingTest {

    private static final DevStore STORE = DevStore.memory();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String COMMUNITY = "anguo-road";
    private static final String ADDRESS = "燕子坞 7号楼 702室";
    private static final String NOTES = "敲门后请放在鞋柜上";

    @LocalServerPort
    int port;
    @Autowired
    MongoClient mongo;
    @Autowired
    IndexedMongoEventStorageEngine engine;
    @Autowired
    SubjectKeys keys;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("lianfang.mongodb.uri", STORE::uri);
        registry.add("lianfang.mongodb.write-concern", () -> "w1");
    }

    @Test
    void anOrdersAddressAndNotesAreEncryptedAndShreddedWithTheHouseholdsPersonErasedAtTheRegistry() {
        String person = UUID.randomUUID().toString();
        String household = "household-" + UUID.randomUUID();
        publishToRegistry("Household", household, 0, new HouseholdMemberAdded(household, PersonId.of(person),
                "registrar-1", Instant.parse("2020-01-25T08:00:00Z")));
        await().atMost(Duration.ofSeconds(60)).until(() -> mongo.getDatabase("lianfang_volunteer")
                .getCollection("volunteer_household_index")
                .find(com.mongodb.client.model.Filters.eq("_id", "members|" + household)).first() != null);
        HttpResponse<String> created = ordered(household, ADDRESS, NOTES);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String orderId = lastOrder;
        assertThat(toList(json(created).path("personIds"))).containsExactly(person);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Document day = mongo.getDatabase("lianfang_volunteer").getCollection("volunteer_delivery_counts")
                    .find(com.mongodb.client.model.Filters.eq("_id", "community|" + COMMUNITY + "|" + today())).first();
            return day != null && day.getList("ordered", String.class, List.of()).contains(orderId);
        });
        JsonNode counts = ok(get("/api/v1/deliveries/counts?from=" + today() + "&to=" + today()));

        assertThat(stored()).doesNotContain(ADDRESS, NOTES).contains("$enc");
        assertThat(order(orderId).address()).isEqualTo(ADDRESS);
        assertThat(order(orderId).subjectId()).isEqualTo(person);
        assertThat(ok(get("/api/v1/deliveries/" + orderId)).path("address").asText()).isEqualTo(ADDRESS);

        keys.destroy(person, "admin-1", Instant.now());
        publishToRegistry("Person", person, 0, new PersonErased(person, "retention ended", "admin-1", Instant.now()));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ok(get("/api/v1/deliveries/" + orderId)).path("address").asText())
                        .isEqualTo(PersonalData.ERASED));
        JsonNode shown = ok(get("/api/v1/deliveries/" + orderId));
        assertThat(shown.path("notes").asText()).isEqualTo(PersonalData.ERASED);
        assertThat(shown.path("items").get(0).asText()).isEqualTo("大米 5kg");
        assertThat(order(orderId).address()).isEqualTo(PersonalData.ERASED);
        assertThat(order(orderId).notes()).isEqualTo(PersonalData.ERASED);
        assertThat(ok(get("/api/v1/deliveries/counts?from=" + today() + "&to=" + today()))).isEqualTo(counts);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(everything()).doesNotContain(ADDRESS, NOTES));
    }

    @Test
    void anOrderNamingNobodyIsKeyedByItselfAndErasedThroughThisServicesAdminApi() {
        HttpResponse<String> created = ordered("household-nobody-" + UUID.randomUUID(), "无名小区 1号楼", "放门口即可");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String orderId = lastOrder;
        String subject = DeliveryOrdered.subjectOf(org.lianfang.contracts.volunteer.DeliveryOrderId.of(orderId));
        assertThat(order(orderId).subjectId()).isEqualTo(subject);

        HttpResponse<String> erased = send("POST", "/api/v1/admin/privacy/persons/" + subject + "/erasure",
                "{\"reason\":\"order closed, retention ended\"}", "admin", "*", null);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(201);

        assertThat(order(orderId).address()).isEqualTo(PersonalData.ERASED);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ok(get("/api/v1/deliveries/" + orderId)).path("notes").asText())
                        .isEqualTo(PersonalData.ERASED));
        assertThat(ok(get("/api/v1/deliveries/" + orderId)).path("address").asText()).isEqualTo(PersonalData.ERASED);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(everything()).doesNotContain("无名小区 1号楼", "放门口即可"));
    }

    /**
     * A two-person household's order is keyed by its first person, as its event: the kept response
     * to the POST is sealed with the same key, so a replay after that person's erasure shows nothing.
     */
    @Test
    void aReplayOfATwoPersonHouseholdsOrderAfterTheErasureShowsNoAddress() {
        String household = "household-" + UUID.randomUUID();
        String first = "a-" + UUID.randomUUID();
        String second = "b-" + UUID.randomUUID();
        publishToRegistry("Household", household, 0, new HouseholdMemberAdded(household, PersonId.of(first),
                "registrar-1", Instant.parse("2020-01-25T08:00:00Z")));
        publishToRegistry("Household", household, 1, new HouseholdMemberAdded(household, PersonId.of(second),
                "registrar-1", Instant.parse("2020-01-25T08:00:00Z")));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Document members = mongo.getDatabase("lianfang_volunteer").getCollection("volunteer_household_index")
                    .find(com.mongodb.client.model.Filters.eq("_id", "members|" + household)).first();
            return members != null && members.toJson().contains(second) && members.toJson().contains(first);
        });
        String key = "key-" + UUID.randomUUID();
        HttpResponse<String> created = ordered(household, "曼陀山庄 3号楼 301室", "电话联系", key);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(toList(json(created).path("personIds"))).containsExactly(first, second);
        assertThat(order(lastOrder).subjectId()).isEqualTo(first);
        HttpResponse<String> replayed = ordered(household, "曼陀山庄 3号楼 301室", "电话联系", key);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(replayed.body()).contains("曼陀山庄 3号楼 301室");

        keys.destroy(first, "admin-1", Instant.now());

        HttpResponse<String> after = ordered(household, "曼陀山庄 3号楼 301室", "电话联系", key);
        assertThat(after.statusCode()).isEqualTo(201);
        assertThat(after.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(after.body()).doesNotContain("曼陀山庄", "电话联系");
        assertThat(stored()).doesNotContain("曼陀山庄", "电话联系");
    }

    /** A volunteer's enrolment answers their name and phone: its replay after their erasure shows neither. */
    @Test
    void aReplayOfAVolunteersEnrolmentAfterTheirErasureShowsNoNameOrPhone() {
        String key = "key-" + UUID.randomUUID();
        String body = "{\"name\":\"段誉\",\"phone\":\"13900000088\",\"kind\":\"STUDENT\"}";
        HttpResponse<String> enrolled = send("POST", "/api/v1/volunteers", body, "operator", COMMUNITY, key);
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        String volunteer = json(enrolled).path("id").asText();
        assertThat(send("POST", "/api/v1/volunteers", body, "operator", COMMUNITY, key).body()).contains("段誉");

        keys.destroy(volunteer, "admin-1", Instant.now());

        HttpResponse<String> after = send("POST", "/api/v1/volunteers", body, "operator", COMMUNITY, key);
        assertThat(after.statusCode()).isEqualTo(201);
        assertThat(after.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(after.headers().firstValue("Location")).hasValue("/api/v1/volunteers/" + volunteer);
        assertThat(after.body()).doesNotContain("段誉", "13900000088");
    }

    private String lastOrder;

    private static LocalDate today() {
        return LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
    }

    private HttpResponse<String> ordered(String household, String address, String notes) {
        return ordered(household, address, notes, "key-" + UUID.randomUUID());
    }

    private HttpResponse<String> ordered(String household, String address, String notes, String key) {
        HttpResponse<String> response = send("POST", "/api/v1/deliveries", "{\"householdId\":\"" + household
                + "\",\"compoundId\":\"compound-anguo\",\"address\":\"" + address + "\",\"items\":[\"大米 5kg\"],"
                + "\"partner\":\"仁和药房\",\"partnerKind\":\"PHARMACY\",\"notes\":\"" + notes + "\","
                + "\"contactFree\":true}", "operator", COMMUNITY, key);
        if (response.statusCode() == 201) {
            lastOrder = json(response).path("id").asText();
        }
        return response;
    }

    private static List<String> toList(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private DeliveryOrdered order(String orderId) {
        return engine.readEvents(orderId).asStream().map(m -> (Object) m.getPayload())
                .filter(DeliveryOrdered.class::isInstance).map(DeliveryOrdered.class::cast).findFirst().orElseThrow();
    }

    /** The volunteer service's event store and idempotency records, as stored. */
    private String stored() {
        StringBuilder all = new StringBuilder();
        MongoDatabase volunteer = mongo.getDatabase("lianfang_volunteer");
        for (String collection : List.of(IndexedMongoEventStorageEngine.COMMITS, "idempotency_keys")) {
            volunteer.getCollection(collection).find().forEach((Document d) -> all.append(d.toJson()).append('\n'));
        }
        return all.toString();
    }

    /** Every document of the service's database, binaries decoded. */
    private String everything() {
        StringBuilder all = new StringBuilder();
        MongoDatabase volunteer = mongo.getDatabase("lianfang_volunteer");
        for (String collection : volunteer.listCollectionNames()) {
            volunteer.getCollection(collection).find().forEach((Document d) -> {
                all.append(d.toJson()).append('\n');
                d.values().forEach(v -> {
                    if (v instanceof org.bson.types.Binary b) {
                        all.append(new String(b.getData(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                });
            });
        }
        return all.toString();
    }

    private void publishToRegistry(String aggregateType, String aggregateId, long sequence, Object event) {
        IndexedMongoEventStorageEngine registry = IndexedMongoEventStorageEngine.builder()
                .database(mongo.getDatabase("lianfang_registry"))
                .eventSerializer(EventStoreSerializers.jackson())
                .snapshotSerializer(EventStoreSerializers.snapshots())
                .build();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(MetadataKeys.SOURCE_SERVICE, "registry");
        metadata.put(MetadataKeys.ACTOR, "registry-operator");
        metadata.put(MetadataKeys.COMMUNITY_ID, COMMUNITY);
        metadata.put(MetadataKeys.PERSON_IDS, event instanceof PersonScoped scoped ? scoped.personIds() : List.of());
        registry.appendEvents(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, event,
                MetaData.from(metadata)));
    }

    private HttpResponse<String> get(String path) {
        return send("GET", path, null, "operator", COMMUNITY, null);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return json(response);
    }

    private HttpResponse<String> send(String method, String path, String body, String role, String community,
                                      String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("X-Actor", role + "-1").header("X-Actor-Role", role).header("X-Community-Id", community)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
