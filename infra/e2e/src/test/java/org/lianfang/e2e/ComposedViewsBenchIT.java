package org.lianfang.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmarks of the composed views (not a test: skipped unless {@code lianfang.bench.events} is set).
 * The whole suite runs in this JVM on one embedded store; the checkpoint service's event store is
 * bulk-loaded directly with {@code lianfang.bench.events} crossings cloned from one real crossing
 * made through the gateway (same payload and metadata text, new ids, people, checkpoints and times),
 * after which the service's own person indexer, hash chainer and tracing projection catch up.
 * Then, through the gateway: the trail of one person who has {@code lianfang.bench.person-events}
 * of those crossings (p50/p99), depth-2 tracing of one person (p50/p95), and a county client
 * catching up the whole stream (events/s). Writes {@code target/bench/composed-views.md}.
 * The trail and tracing are measured once the tracing projection and the hash chain have passed the
 * last loaded commit. {@code -Dlianfang.bench.trail-only=true}: only the trail (no tracing, no
 * stream catch-up); {@code -Dlianfang.bench.tracing-only=true}: only tracing (after
 * at least {@code lianfang.bench.tracing-warm-up}, 20, unmeasured answers, then until the JIT settles); {@code -Dlianfang.bench.trail-jfr=<file>}:
 * a second trail measurement under a JFR recording (CPU samples every 5 ms, waits over 1 ms) dumped there
 * ({@code -Dlianfang.bench.tracing-jfr=<file>}: the same for tracing).
 * The trail is warmed up with {@code lianfang.bench.warm-up} (300) unmeasured requests first.
 *
 * <pre>
 * mvn -B -o -pl infra/e2e -am install -DskipTests
 * mvn -B -o -pl infra/e2e verify -Dit.test=ComposedViewsBenchIT -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dlianfang.bench.events=1000000 -DargLine=-Xmx16g
 * </pre>
 */
@Order(100)
@EnabledIfSystemProperty(named = "lianfang.bench.events", matches = "\\d+")
class ComposedViewsBenchIT {

    static final int EVENTS = Integer.getInteger("lianfang.bench.events", 0);
    static final int PERSON_EVENTS = Integer.getInteger("lianfang.bench.person-events", 100);
    static final int PEOPLE = Integer.getInteger("lianfang.bench.people", Math.max(100, EVENTS / 50));
    static final int CHECKPOINTS = Integer.getInteger("lianfang.bench.checkpoints", 20);
    static final int RUNS = Integer.getInteger("lianfang.bench.runs", 200);
    /** Unmeasured requests before a latency measurement (the JIT compilers' time). */
    static final int WARM_UP = Integer.getInteger("lianfang.bench.warm-up", 300);
    /** Unmeasured depth-2 tracing answers before tracing is measured (at least; then until the JIT settles). */
    static final int TRACING_WARM_UP = Integer.getInteger("lianfang.bench.tracing-warm-up", 20);
    /** Only the trail (no tracing, no stream catch-up): for iterating on the trail alone. */
    static final boolean TRAIL_ONLY = Boolean.getBoolean("lianfang.bench.trail-only");
    /** Only tracing (no trail, no stream catch-up): for iterating on tracing alone. */
    static final boolean TRACING_ONLY = Boolean.getBoolean("lianfang.bench.tracing-only");
    /** If set, a JFR recording of the trail measurement (CPU samples, socket reads and parks over 1 ms) goes there. */
    static final String TRAIL_JFR = System.getProperty("lianfang.bench.trail-jfr", "");
    /** If set, a JFR recording of a second tracing measurement goes there. */
    static final String TRACING_JFR = System.getProperty("lianfang.bench.tracing-jfr", "");
    static final Duration CATCH_UP = Duration.ofMinutes(Integer.getInteger("lianfang.bench.catch-up-minutes", 120));
    static final int BATCH = 1000;

    private final List<String> report = new ArrayList<>();

    @Test
    void composedViews() throws Exception {
        try (Suite suite = Suite.start(); MongoClient mongo = MongoClients.create(suite.store.uri())) {
            ContactTracingIT.suite = suite;
            List<String> checkpoints = new ArrayList<>();
            for (int i = 0; i < CHECKPOINTS; i++) {
                checkpoints.add(opened("基准路口" + i + "（示例）"));
            }
            String checkpoint = checkpoints.get(0);
            String target = ContactTracingIT.register("基准（示例）");
            ContactTracingIT.cross(checkpoint, target, Instant.now().minusSeconds(60));

            MongoCollection<Document> commits = mongo.getDatabase("lianfang_checkpoint").getCollection("event_commits");
            MongoCollection<Document> counters = mongo.getDatabase("lianfang_checkpoint").getCollection("event_counters");
            Document template = await().atMost(Duration.ofSeconds(60)).until(() -> commits
                    .find(Filters.eq("type", "CheckpointCrossing")).sort(Sorts.descending("_id")).first(), d -> d != null);
            Document templateEvent = template.getList("events", Document.class).stream()
                    .filter(e -> e.getString("pt").endsWith("CrossingRecorded")).findFirst().orElseThrow();
            String crossingId = template.getString("agg");

            long started = System.nanoTime();
            long lastLoaded = load(commits, counters, template, templateEvent, crossingId, checkpoints, target);
            double loadSeconds = (System.nanoTime() - started) / 1e9;
            line("bulk load: %d crossings in %.1f s (%.0f/s, raw inserts of %d)", EVENTS, loadSeconds,
                    EVENTS / loadSeconds, BATCH);

            // the service's own machinery catches up: person index (trail), tracing buckets, chain
            started = System.nanoTime();
            String trailPath = "/api/v1/persons/" + target + "/trail";
            await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(5)).until(() ->
                    Suite.json(suite.get("operator", trailPath)).path("entries").size() >= PERSON_EVENTS);
            line("person index caught up after %.0f s", (System.nanoTime() - started) / 1e9);
            // one day of the target's crossings: ~1/30 of them, each meeting everyone within ±15 min there
            Instant to = Instant.now();
            String tracingPath = "/api/v1/tracing/" + target + "?depth=2&from=" + to.minus(Duration.ofDays(1)) + "&to=" + to;
            if (!TRAIL_ONLY) {
                await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(5)).until(() ->
                        Suite.json(suite.get("operator", tracingPath)).path("contacts").size() > 0);
                line("tracing buckets usable after %.0f s", (System.nanoTime() - started) / 1e9);
            }
            // measure on a settled suite: the tracing projection past the last loaded commit (tracing
            // needs the whole projection), and the hash chain (a trail checks its entries against it);
            // while either catches up it takes most of the machine, mostly in the store's updates
            MongoCollection<Document> tokens = mongo.getDatabase("lianfang_checkpoint").getCollection("trackingtokens");
            await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(5)).until(() -> tokenIndex(tokens, "crossing-traces-v3") >= lastLoaded);
            double projected = (System.nanoTime() - started) / 1e9;
            line("crossing-traces projection past the last loaded commit after %.0f s (%.0f events/s from the end of the load)",
                    projected, EVENTS / projected);
            MongoCollection<Document> chainHead = mongo.getDatabase("lianfang_checkpoint").getCollection("event_chain_head");
            await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(5)).until(() -> {
                Document head = chainHead.find(Filters.eq("_id", "head")).first();
                return head != null && ((Number) head.get("index")).longValue() >= lastLoaded;
            });
            line("hash chain past the last loaded commit after %.0f s", (System.nanoTime() - started) / 1e9);
            if (TRAIL_ONLY) {
                measureTrail(suite, trailPath);
                Path out = Path.of("target/bench/composed-views.md");
                Files.createDirectories(out.getParent());
                Files.writeString(out, String.join("\n", report) + "\n");
                return;
            }

            if (!TRACING_ONLY) {
                measureTrail(suite, trailPath);
            }
            try {
                JsonNode tracing = Suite.json(suite.get("operator", tracingPath));
                warmUp(suite, "tracing", tracingPath, TRACING_WARM_UP, 10);
                java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
                long compiledBefore = jit.getTotalCompilationTime();
                long measuring = System.nanoTime();
                measure(suite, "tracing depth 2 (" + tracing.path("contacts").size() + " contacts, "
                        + tracing.path("graph").path("edges").size() + " edges)", tracingPath, Math.max(20, RUNS / 4));
                line("JIT compilers during the tracing measurement: %.0f %% of a core",
                        100 * (jit.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - measuring) / 1e6));
                if (!TRACING_JFR.isBlank()) {
                    underJfr(TRACING_JFR, () -> measure(suite, "tracing under JFR", tracingPath, Math.max(20, RUNS / 4)));
                }
            } catch (IllegalStateException timedOut) {
                line("tracing depth 2: no answer within the client's timeout (%s)", timedOut.getMessage());
            }
            if (!TRACING_ONLY) {
                streamCatchUp(suite);
            }
        }
        Path out = Path.of("target/bench/composed-views.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n", report) + "\n");
    }

    /**
     * Clones of the template commit: {@code PERSON_EVENTS} of them name the target person, the rest
     * are spread over {@code PEOPLE} people and {@code CHECKPOINTS} checkpoints in the last 30 days.
     * The global indexes are taken from the store's counter, as the engine's leases take them.
     */
    private long load(MongoCollection<Document> commits, MongoCollection<Document> counters, Document template,
                      Document templateEvent, String crossingId, List<String> checkpoints, String target) {
        Random random = new Random(42);
        String payload = templateEvent.getString("p");
        String meta = templateEvent.getString("m");
        String templateTime = JsonText.field(payload, "occurredAt");
        String templateRecorded = JsonText.field(payload, "recordedAt");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int every = Math.max(1, EVENTS / Math.max(1, PERSON_EVENTS));
        long last = -1;
        for (int done = 0; done < EVENTS; done += BATCH) {
            int size = Math.min(BATCH, EVENTS - done);
            Document counter = counters.findOneAndUpdate(Filters.eq("_id", "global-index"), Updates.inc("value", (long) size),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            long first = ((Number) counter.get("value")).longValue() - size + 1;
            List<Document> docs = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int n = done + i;
                String person = n % every == 0 && n / every < PERSON_EVENTS ? target : "bench-person-" + random.nextInt(PEOPLE);
                String id = UUID.randomUUID().toString();
                String cp = checkpoints.get(random.nextInt(checkpoints.size()));
                Instant at = now.minusSeconds(60L + random.nextInt(30 * 24 * 3600));
                String p = payload.replace(crossingId.replace("crossing-", ""), id)
                        .replace(templateTime, at.toString())
                        .replace(templateRecorded, at.plusSeconds(5).toString())
                        .replace(JsonText.field(payload, "personId"), person)
                        .replace("\"" + checkpoints.get(0) + "\"", "\"" + cp + "\"");
                String m = meta.replace(JsonText.field(payload, "personId"), person);
                Document event = new Document(templateEvent).append("id", UUID.randomUUID().toString())
                        .append("ts", at.toString()).append("p", p).append("m", m);
                docs.add(new Document(template).append("_id", first + i).append("first", first + i)
                        .append("a", "crossing-" + id + "/0").append("z", "crossing-" + id + "/0")
                        .append("agg", "crossing-" + id).append("t", Date.from(at)).append("w", new Date())
                        .append("events", List.of(event)).append("pp", List.of(List.of(person))));
            }
            commits.insertMany(docs);
            last = first + size - 1;
        }
        return last;
    }

    /** The index a processor's (single-segment) token has reached, or -1. */
    private static long tokenIndex(MongoCollection<Document> tokens, String processor) {
        Document token = tokens.find(Filters.and(Filters.eq("processorName", processor), Filters.eq("segment", 0))).first();
        if (token == null || !(token.get("token") instanceof org.bson.types.Binary binary)) {
            return -1;
        }
        java.util.regex.Matcher index = java.util.regex.Pattern.compile("\"index\":(\\d+)")
                .matcher(new String(binary.getData(), StandardCharsets.UTF_8));
        return index.find() ? Long.parseLong(index.group(1)) : -1;
    }

    /** A checkpoint opened through the gateway; a cold or busy first call (504) is repeated, a bench is not a test of that. */
    private static String opened(String name) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ContactTracingIT.openCheckpoint(name);
            } catch (AssertionError coldOrBusy) {
                if (attempt == 5) {
                    throw coldOrBusy;
                }
            }
        }
    }

    private void measureTrail(Suite suite, String trailPath) throws Exception {
        // warm-up, not measured: five applications in one JVM, each with its own copy of its
        // libraries, give the JIT compilers a lot to do (20 requests left them busy through the
        // measurement: ~40 % of the machine in a JFR of a 10 k run). At least WARM_UP requests, then
        // on until the compilers have settled (under a tenth of a core over the last 50), at most 5 min.
        warmUp(suite, "trail", trailPath, WARM_UP, 50);
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long compiledBefore = jit.getTotalCompilationTime();
        long measuring = System.nanoTime();
        measure(suite, "trail (" + PERSON_EVENTS + " entries of " + EVENTS + ")", trailPath, RUNS);
        line("JIT compilers during the trail measurement: %.0f %% of a core",
                100 * (jit.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - measuring) / 1e6));
        // the same trail's largest share, asked of checkpoint-service directly: with its chain check
        // (as the gateway asks it) and without — what the gateway, the other services and the chain add
        String person = trailPath.substring("/api/v1/persons/".length(), trailPath.lastIndexOf("/trail"));
        String events = "/api/v1/internal/persons/" + person + "/events";
        for (String query : List.of("?verify=true", "")) {
            for (int i = 0; i < WARM_UP / 4; i++) {
                suite.getDirect("checkpoint", events + query); // warm-up, not measured
            }
            measure(() -> suite.getDirect("checkpoint", events + query),
                    "checkpoint-service's share, direct" + (query.isEmpty() ? ", no chain check" : ", chain checked"), RUNS);
        }
        if (TRAIL_JFR.isBlank()) {
            return;
        }
        underJfr(TRAIL_JFR, () -> measure(suite, "trail under JFR", trailPath, RUNS));
    }

    /**
     * Unmeasured requests: at least {@code min}, then on in rounds of {@code round} until the JIT
     * compilers used under a tenth of a core over the last round (at most 5 min); reported.
     */
    private void warmUp(Suite suite, String what, String path, int min, int round) {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long warm = System.nanoTime();
        long deadline = warm + Duration.ofMinutes(5).toNanos();
        int requests = 0;
        double jitShare = 1;
        while (requests < min || (jitShare > 0.1 && System.nanoTime() < deadline)) {
            long compiledBefore = jit.getTotalCompilationTime();
            long t = System.nanoTime();
            for (int i = 0; i < round; i++) {
                suite.get("operator", path);
            }
            requests += round;
            jitShare = (jit.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - t) / 1e6);
        }
        line("%s warm-up: %d requests in %.1f s (JIT compilers over the last %d: %.0f %% of a core)", what, requests,
                (System.nanoTime() - warm) / 1e9, round, 100 * jitShare);
    }

    /** Runs {@code measurement} under a JFR recording (CPU samples every 5 ms, waits over 1 ms) dumped to {@code file}. */
    private static void underJfr(String file, Runnable measurement) throws Exception {
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(5));
            for (String wait : List.of("jdk.SocketRead", "jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait")) {
                recording.enable(wait).withThreshold(Duration.ofMillis(1)).withStackTrace();
            }
            recording.start();
            measurement.run();
            recording.stop();
            recording.dump(Path.of(file));
        }
    }

    private void measure(Suite suite, String what, String path, int runs) {
        measure(() -> suite.get("operator", path), what, runs);
    }

    private void measure(java.util.function.Supplier<HttpResponse<String>> request, String what, int runs) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            HttpResponse<String> response = request.get();
            millis.add((System.nanoTime() - t) / 1e6);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
            }
        }
        millis.sort(Double::compare);
        line("%s: %d runs, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", what, runs, pct(millis, 50),
                pct(millis, 95), pct(millis, 99), millis.get(millis.size() - 1));
    }

    private void streamCatchUp(Suite suite) {
        long events = 0;
        String cursor = "";
        long t = System.nanoTime();
        while (true) {
            HttpResponse<String> response = suite.get("county", "/api/v1/streams/events?limit=500&after="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("stream: " + response.statusCode() + " " + response.body());
            }
            JsonNode body = Suite.json(response);
            int n = body.path("events").size();
            if (events == 0 && n == 0) {
                System.out.println("[bench] stream: first page empty: " + response.body());
            }
            events += n;
            cursor = body.path("next").asText();
            if (n == 0 && body.path("settling").isEmpty() && body.path("partial").isEmpty()) {
                break;
            }
            if (n == 0) {
                sleep(200); // a service waits for a commit still in flight, or did not answer: ask again
            }
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        line("stream catch-up (county, pages of 500): %d events in %.1f s = %.0f events/s", events, seconds,
                events / seconds);
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.add("- " + text);
        System.out.println("[bench] " + text);
    }

    /** The text of a string field in a JSON text (first occurrence), enough for cloning a template. */
    static final class JsonText {
        static String field(String json, String name) {
            int at = json.indexOf("\"" + name + "\":\"");
            if (at < 0) {
                throw new IllegalStateException("no " + name + " in " + json);
            }
            int start = at + name.length() + 4;
            return json.substring(start, json.indexOf('"', start));
        }
    }

    static {
        try {
            Files.createDirectories(Path.of("target/bench"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
