package org.lianfang.gateway.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.lianfang.gateway.security.ApiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * External anchoring of every service's chain head (issue 9). Each round reads the heads, checks
 * that each service's chain still extends the head anchored last time (the recorded hash at that
 * index is unchanged and every link after it verifies), and writes a signed anchor record: kept in
 * the gateway's database first (an outbox), then posted to the configured external URL until it
 * answers 2xx. Records are chained ({@code previous} = SHA-256 of the previous record's payload)
 * and signed with Ed25519, so a copy held elsewhere can be checked offline with the public key.
 * Someone who rewrites a service's store and its whole chain can no longer match an anchored head.
 */
@Component
public class ChainAnchors {

    static final String RECORDS = "chain_anchors";
    static final String LATEST = "chain_anchor_head";
    static final int VERIFY_PAGE = 5000;
    /** How old the latest anchor a trail shows may be (as read by this instance). */
    static final Duration RECENT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(ChainAnchors.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The gateway itself, as the services see it when it reads their chains. */
    static final ApiClient ANCHORER = new ApiClient("gateway-anchorer", "gateway chain anchoring", "admin", "*",
            List.of(), null, null, null, null);

    private final ServiceCalls calls;
    private final AnchorSigner signer;
    private final MongoCollection<Document> records;
    private final MongoCollection<Document> latest;
    private final String url;
    private final Duration interval;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ScheduledExecutorService scheduler;
    private volatile Recent recent;

    public ChainAnchors(ServiceCalls calls, MongoClient mongo,
                        @Value("${lianfang.gateway.anchors.url:}") String url,
                        @Value("${lianfang.gateway.anchors.interval:10m}") Duration interval,
                        @Value("${lianfang.gateway.anchors.private-key:}") String privateKey,
                        @Value("${lianfang.gateway.anchors.public-key:}") String publicKey,
                        @Value("${lianfang.gateway.anchors.key-id:gateway-1}") String keyId) {
        this.calls = calls;
        this.records = mongo.getDatabase("lianfang_gateway").getCollection(RECORDS);
        this.latest = mongo.getDatabase("lianfang_gateway").getCollection(LATEST);
        this.url = url == null || url.isBlank() ? null : url;
        this.interval = interval;
        this.signer = AnchorSigner.of(privateKey, publicKey, keyId);
        if (signer.ephemeral()) {
            log.warn("lianfang.gateway.anchors.private-key is not set: anchors are signed with a key of this process only");
        }
    }

    @PostConstruct
    void start() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "chain-anchors");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                anchorNow();
            } catch (RuntimeException e) {
                log.warn("anchoring the chain heads failed: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    public AnchorSigner signer() {
        return signer;
    }

    /** One anchor record as stored and posted: the exact signed payload text and its signature. */
    public record Anchor(long sequence, String payload, String signature, String keyId, boolean posted) {

        ObjectNode json() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("sequence", sequence);
            node.put("algorithm", AnchorSigner.ALGORITHM);
            node.put("keyId", keyId);
            node.put("payload", payload);
            node.put("signature", signature);
            node.put("posted", posted);
            return node;
        }

        /** The envelope sent to the external URL (no local bookkeeping). */
        String envelope() {
            ObjectNode node = json();
            node.remove("posted");
            return node.toString();
        }

        JsonNode parsed() {
            try {
                return JSON.readTree(payload);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        static Anchor of(Document doc) {
            return new Anchor(((Number) doc.get("_id")).longValue(), doc.getString("payload"), doc.getString("signature"),
                    doc.getString("keyId"), Boolean.TRUE.equals(doc.getBoolean("posted")));
        }
    }

    public Optional<Anchor> latest() {
        Document head = latest.find(Filters.eq("_id", "latest")).first();
        Optional<Anchor> found = head == null ? Optional.empty() : find(((Number) head.get("sequence")).longValue());
        recent = new Recent(found.map(Anchor::parsed), clock.millis());
        return found;
    }

    /**
     * The latest anchor's payload as read at most {@link #RECENT} ago, without blocking; empty if
     * not read that recently (then {@link #latest()} reads it). Anchors come every few minutes and
     * never change, so a trail that shows one read a second ago shows a true statement about it.
     */
    public Optional<Optional<JsonNode>> recentLatest() {
        Recent last = recent;
        return last != null && clock.millis() - last.readAt() <= RECENT.toMillis()
                ? Optional.of(last.payload()) : Optional.empty();
    }

    private record Recent(Optional<JsonNode> payload, long readAt) {
    }

    public Optional<Anchor> find(long sequence) {
        return Optional.ofNullable(records.find(Filters.eq("_id", sequence)).first()).map(Anchor::of);
    }

    /** The newest {@code limit} records, newest first (key look-ups down from the latest). */
    public List<Anchor> recent(int limit) {
        List<Anchor> result = new ArrayList<>();
        Optional<Anchor> last = latest();
        if (last.isEmpty()) {
            return result;
        }
        List<Long> ids = new ArrayList<>();
        for (long s = last.get().sequence(); s >= 1 && ids.size() < limit; s--) {
            ids.add(s);
        }
        records.find(Filters.in("_id", ids)).forEach(doc -> result.add(Anchor.of(doc)));
        result.sort((a, b) -> Long.compare(b.sequence(), a.sequence()));
        return result;
    }

    /** Reads every head, checks it against the last anchor, signs, keeps and posts a new record. */
    public synchronized Anchor anchorNow() {
        postPending();
        Optional<Anchor> previous = latest();
        Map<String, JsonNode> previousHeads = new java.util.HashMap<>();
        previous.ifPresent(p -> p.parsed().path("heads").forEach(h -> {
            if (h.has("headHash")) {
                previousHeads.put(h.path("service").asText(), h);
            }
        }));
        long sequence = previous.map(a -> a.sequence() + 1).orElse(1L);
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("version", 1);
        payload.put("sequence", sequence);
        payload.put("createdAt", clock.instant().toString());
        payload.put("keyId", signer.keyId());
        payload.put("previous", previous.map(p -> sha256(p.payload())).orElse(null));
        ArrayNode heads = payload.putArray("heads");
        for (String service : calls.serviceNames()) {
            heads.add(head(service, previousHeads.get(service)));
        }
        String text = payload.toString();
        Anchor anchor = new Anchor(sequence, text, signer.sign(text), signer.keyId(), false);
        try {
            records.insertOne(new Document("_id", sequence).append("payload", text).append("signature", anchor.signature())
                    .append("keyId", anchor.keyId()).append("posted", false).append("attempts", 0));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return find(sequence).orElseThrow(); // another gateway instance anchored this round
            }
            throw e;
        }
        latest.replaceOne(Filters.eq("_id", "latest"), new Document("_id", "latest").append("sequence", sequence),
                new ReplaceOptions().upsert(true));
        recent = new Recent(Optional.of(anchor.parsed()), clock.millis());
        for (JsonNode head : heads) {
            if ("diverged".equals(head.path("status").asText())) {
                log.error("the chain of {} no longer extends anchor {}: {}", head.path("service").asText(),
                        sequence - 1, head.path("detail").asText());
            }
        }
        return post(anchor);
    }

    private ObjectNode head(String service, JsonNode anchored) {
        ObjectNode head = JsonNodeFactory.instance.objectNode().put("service", service);
        ServiceCalls.Answer answer = call(service, "/api/v1/internal/chain/head", Map.of());
        if (answer.failed()) {
            return head.put("status", "unavailable").put("detail", answer.failure());
        }
        long index = answer.body().path("headIndex").asLong();
        head.put("headIndex", index);
        head.put("headHash", answer.body().path("headHash").asText());
        head.put("events", answer.body().path("events").asLong());
        head.put("holes", answer.body().path("holes").asLong());
        if (anchored == null) {
            return head.put("status", "first");
        }
        String why = extends_(service, anchored.path("headIndex").asLong(), anchored.path("headHash").asText(), index);
        if (why == null) {
            head.put("status", "extends");
        } else {
            head.put("status", why.startsWith("unverified") ? "unverified" : "diverged").put("detail", why);
        }
        return head;
    }

    /**
     * Null if the service's chain now still holds {@code hash} at {@code index} and every link from
     * there to {@code headIndex} verifies against the stored events; else why not.
     */
    String extends_(String service, long index, String hash, long headIndex) {
        if (headIndex < index) {
            return "the head moved back from " + index + " to " + headIndex;
        }
        if (index > 0) {
            ServiceCalls.Answer entry = call(service, "/api/v1/internal/chain/entries",
                    Map.of("globalIndexes", String.valueOf(index)));
            if (entry.failed()) {
                return "unverified: " + entry.failure();
            }
            JsonNode recorded = entry.body().path("entries").path(0);
            if (!hash.equals(recorded.path("hash").asText())) {
                return "the chain records " + recorded.path("hash").asText("nothing") + " at " + index
                        + " where " + hash + " was anchored";
            }
        }
        for (long from = index + 1; from <= headIndex; from += VERIFY_PAGE) {
            ServiceCalls.Answer page = call(service, "/api/v1/internal/chain/verify",
                    Map.of("from", String.valueOf(from), "limit", String.valueOf(VERIFY_PAGE)));
            if (page.failed()) {
                return "unverified: " + page.failure();
            }
            if (!page.body().path("verified").asBoolean(false)) {
                return "a link after the anchor does not verify: " + page.body().path("firstMismatch");
            }
        }
        return null;
    }

    private ServiceCalls.Answer call(String service, String path, Map<String, String> query) {
        ServiceCalls.Answer answer = calls.get(service, path, query, ANCHORER, null, null).block();
        return answer == null ? new ServiceCalls.Answer(service, null, 0, "no answer") : answer;
    }

    /** Posts every record the external URL has not acknowledged yet, oldest first. */
    public synchronized void postPending() {
        if (url == null) {
            return;
        }
        List<Anchor> pending = new ArrayList<>();
        Optional<Anchor> last = latest();
        // the outbox is short: walk back from the latest while records are unposted
        for (long s = last.map(Anchor::sequence).orElse(0L); s >= 1; s--) {
            Optional<Anchor> a = find(s);
            if (a.isEmpty() || a.get().posted()) {
                break;
            }
            pending.add(0, a.get());
        }
        for (Anchor anchor : pending) {
            if (!post(anchor).posted()) {
                return;
            }
        }
    }

    private Anchor post(Anchor anchor) {
        if (url == null) {
            return anchor;
        }
        String error;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "lianfang-anchor-" + signer.keyId() + "-" + anchor.sequence())
                    .POST(HttpRequest.BodyPublishers.ofString(anchor.envelope(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                records.updateOne(Filters.eq("_id", anchor.sequence()), Updates.combine(Updates.set("posted", true),
                        Updates.set("postedAt", java.util.Date.from(clock.instant())), Updates.inc("attempts", 1)));
                return new Anchor(anchor.sequence(), anchor.payload(), anchor.signature(), anchor.keyId(), true);
            }
            error = "answered " + response.statusCode();
        } catch (java.io.IOException e) {
            error = "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        records.updateOne(Filters.eq("_id", anchor.sequence()), Updates.combine(Updates.set("lastError", error),
                Updates.inc("attempts", 1)));
        log.warn("anchor {} not posted to the external URL ({}); kept, retried next round", anchor.sequence(), error);
        return anchor;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
