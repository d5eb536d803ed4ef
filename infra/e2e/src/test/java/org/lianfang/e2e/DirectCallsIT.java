package org.lianfang.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Sorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lianfang.identity.IdentityCodec;
import org.lianfang.identity.SignedIdentity;

/**
 * Issue 12, "direct calls to a service that bypass the gateway are refused": writes posted straight
 * to quarantine-, checkpoint- and volunteer-service (not through the gateway) with a caller made up
 * by the client — the {@code X-Actor*} headers the services read before the gateway signed
 * identities, an {@code X-Lianfang-Identity} signed with another key, one signed with the suite's
 * key but for another request, and one that is not a signature at all — each get a 401 problem,
 * and every service's event store is unchanged afterwards. The same write with the identity the
 * gateway would sign for exactly that request is then accepted, so the refusals were about the
 * caller, not the request.
 */
@Order(25)
@ExtendWith(SharedSuite.Extension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectCallsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> STORES = List.of("lianfang_registry", "lianfang_quarantine",
            "lianfang_checkpoint", "lianfang_volunteer");

    static Suite suite;
    static MongoClient mongo;
    static String caseId;

    /** A write of each service that stores an event when its caller is accepted. */
    record Write(String service, String role, String path, String body) {
    }

    @BeforeAll
    static void start(Suite shared) {
        suite = shared;
        mongo = MongoClients.create(suite.store.uri());
        HttpResponse<String> person = suite.post("operator", "/api/v1/persons", """
                {"name": "直连%d（示例）", "residentIdNumber": "%s", "phone": "19900015550", "origin": "WUHAN",
                 "arrivalDate": "2020-01-24", "compound": "安国小区", "source": "SELF_REPORTED"}"""
                .formatted(1555, WholeSuiteIT.idNumber(1555)), "direct-calls-person");
        assertThat(person.statusCode()).as(person.body()).isIn(200, 201);
        String personId = Suite.json(person).path("id").asText();
        caseId = await().atMost(Duration.ofSeconds(120)).until(() -> Suite.json(suite.get("medic",
                "/api/v1/quarantines?personId=" + personId)).path("items").path(0).path("id").asText(null),
                id -> id != null);
    }

    @AfterAll
    static void close() {
        if (mongo != null) {
            mongo.close();
        }
    }

    static List<Write> writes() {
        return List.of(
                new Write("quarantine", "medic", "/api/v1/quarantines/" + caseId + "/temperatures", """
                        {"celsius": 39.1, "method": "AXILLARY", "occurredAt": "%s"}""".formatted(Instant.now().minusSeconds(60))),
                new Write("checkpoint", "operator", "/api/v1/checkpoints", """
                        {"name": "直连路口", "kind": "ROAD_JUNCTION", "location": "安国路"}"""),
                new Write("volunteer", "operator", "/api/v1/volunteers", """
                        {"name": "直连志愿者（示例）", "phone": "13800015550", "kind": "PARTY_MEMBER"}"""));
    }

    @Test
    @Order(1)
    void forgedCallersPostingStraightToAServiceGet401AndNothingIsStored() throws Exception {
        Map<String, String> before = stableFingerprints();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (Write write : writes()) {
            for (Map.Entry<String, Map<String, String>> forgery : forgeries(write).entrySet()) {
                HttpResponse<String> answer = post(write, forgery.getValue());
                sent++;
                String type = answer.headers().firstValue("Content-Type").orElse("");
                if (answer.statusCode() != 401 || !type.startsWith("application/problem+json")
                        || Suite.json(answer).path("status").asInt() != 401) {
                    wrong.add(write.service() + " with " + forgery.getKey() + ": " + answer.statusCode() + " " + type
                            + " " + answer.body());
                }
            }
        }

        assertThat(sent).isEqualTo(3 * 5);
        assertThat(wrong).as("answers other than a 401 problem").isEmpty();
        assertThat(fingerprints()).as("every service's event_commits, by SHA-256 of its documents").isEqualTo(before);
    }

    @Test
    @Order(2)
    void theSameWritesWithTheIdentityTheGatewaySignsForThemAreAccepted() throws Exception {
        Map<String, String> before = stableFingerprints();
        IdentityCodec codec = new IdentityCodec(suite.identityKey, Clock.systemUTC());
        for (Write write : writes()) {
            String identity = codec.sign(new SignedIdentity("direct-" + write.role(), write.role(), Suite.COMMUNITY,
                    List.of(), "POST", write.path(), Instant.now().plusSeconds(30)));
            HttpResponse<String> answer = post(write, Map.of(IdentityCodec.HEADER, identity));
            assertThat(answer.statusCode()).as(write.service() + ": " + answer.body()).isBetween(200, 299);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, String> after = fingerprints();
            for (String db : List.of("lianfang_quarantine", "lianfang_checkpoint", "lianfang_volunteer")) {
                assertThat(after.get(db)).as(db + " stored the accepted write").isNotEqualTo(before.get(db));
            }
        });
    }

    /** Made-up callers for {@code write}, by name: each is the only identity the request carries. */
    private static Map<String, Map<String, String>> forgeries(Write write) {
        Instant soon = Instant.now().plusSeconds(30);
        SignedIdentity claimed = new SignedIdentity("mallory", write.role(), Suite.COMMUNITY, List.of(), "POST",
                write.path(), soon);
        Map<String, Map<String, String>> forged = new LinkedHashMap<>();
        forged.put("X-Actor headers claiming admin", Map.of("X-Actor", "mallory", "X-Actor-Role", "admin",
                "X-Community-Id", Suite.COMMUNITY));
        forged.put("X-Actor headers claiming the write's own role", Map.of("X-Actor", "mallory", "X-Actor-Role",
                write.role(), "X-Community-Id", Suite.COMMUNITY, "X-Actor-Compounds", "*"));
        forged.put("an identity signed with another key", Map.of(IdentityCodec.HEADER,
                new IdentityCodec("not-the-suite-key-" + UUID.randomUUID(), Clock.systemUTC()).sign(claimed)));
        forged.put("the suite's signature of another request", Map.of(IdentityCodec.HEADER,
                new IdentityCodec(suite.identityKey, Clock.systemUTC()).sign(new SignedIdentity("mallory", write.role(),
                        Suite.COMMUNITY, List.of(), "GET", "/api/v1/boards/quarantine", soon))));
        forged.put("an identity that is no signature", Map.of(IdentityCodec.HEADER,
                "eyJzdWIiOiJtYWxsb3J5Iiwicm9sZSI6ImFkbWluIn0.forged", "X-Actor-Role", "admin"));
        return forged;
    }

    private static HttpResponse<String> post(Write write, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + suite.ports.get(write.service()) + write.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "direct-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(write.body()));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The fingerprints once two readings a second apart agree (asynchronous processors of earlier classes may still write). */
    private static Map<String, String> stableFingerprints() {
        List<Map<String, String>> last = new ArrayList<>(List.of(fingerprints()));
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, String> now = fingerprints();
            Map<String, String> previous = last.set(0, now);
            return now.equals(previous) ? now : null;
        }, stable -> stable != null);
    }

    private static Map<String, String> fingerprints() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String db : STORES) {
            MessageDigest sha = sha256();
            long count = 0;
            for (Document commit : mongo.getDatabase(db).getCollection("event_commits").find().sort(Sorts.ascending("_id"))) {
                sha.update(commit.toJson().getBytes(StandardCharsets.UTF_8));
                count++;
            }
            out.put(db, count + " " + HexFormat.of().formatHex(sha.digest()));
        }
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
