package org.lianfang.seeds.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load side of {@code ./lianfang soak}: a JVM of its own that drives an already running suite
 * <em>through the gateway</em> at a fixed offered rate for a bounded time, with a realistic mix of
 * registrations, temperature readings, crossings and reads (boards, trails, a person's cases), each
 * write with its own {@code Idempotency-Key}. Open loop: request {@code i} is due at
 * {@code start + i / rate} whatever happened before, and its latency counts from then, so a stall
 * shows as latency instead of silently lowering the rate. Every minute it forces a full GC in each
 * named JVM and records the heap still used ({@link HeapAfterGc}). Not a test.
 *
 * <p>Exit status: 0 when every request got a 2xx in time, 1 when any did not, 2 when the setup failed.
 */
public final class SoakClient {

    /** Past this a request counts as an error (the gateway's own response timeout is 10 s). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SETUP_PEOPLE = 30;
    /** A resident registered during the soak crosses a gate only this long after (the gate learns of them asynchronously). */
    private static final long CROSSES_AFTER_NANOS = Duration.ofSeconds(30).toNanos();

    /**
     * One cycle of the mix, 20 slots: writes are half of it, as on a day at a checkpoint-heavy
     * community (registrations, medics' readings, gate crossings); the other half are the reads the
     * board and the tablets make.
     */
    static final List<String> MIX = List.of(
            "register", "crossing", "board-colours", "temperature", "board-quarantine",
            "crossing", "trail", "register", "board-checkpoints", "temperature",
            "quarantine-case", "crossing", "board-colours", "temperature", "trail",
            "register", "board-quarantine", "crossing", "board-checkpoints", "quarantine-case");

    private final String gateway;
    private final String adminKey;
    private final int minutes;
    private final int rate;
    private final Map<String, Long> jvms;
    private final Path out;
    private final String community;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final int idBase = ThreadLocalRandom.current().nextInt(20_000);
    private final AtomicInteger registrations = new AtomicInteger();
    private final AtomicLong crossingSequence = new AtomicLong();
    /** Residents (not returnees) by the time they were registered: gates know them only once checkpoint-service has read the registration. */
    private final List<Known> localPeople = Collections.synchronizedList(new ArrayList<>());
    private final List<String> cases = new ArrayList<>();
    private final SoakStats stats = new SoakStats();
    private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
    /** Errors by "operation status" (an HTTP status, {@code timeout} or the exception's name). */
    private final Map<String, AtomicInteger> errorKinds = new ConcurrentHashMap<>();
    private final Map<Integer, Map<String, Long>> heap = new ConcurrentHashMap<>();
    private String operatorKey;
    private String medicKey;
    private String checkpointId;

    SoakClient(String gateway, String adminKey, int minutes, int rate, Map<String, Long> jvms, Path out,
               String community) {
        this.gateway = gateway;
        this.adminKey = adminKey;
        this.minutes = minutes;
        this.rate = rate;
        this.jvms = jvms;
        this.out = out;
        this.community = community;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        Map<String, Long> jvms = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (name.equals("jvm")) {
                String[] parts = args[i + 1].split("=", 2);
                jvms.put(parts[0], Long.parseLong(parts[1]));
            } else {
                o.put(name, args[i + 1]);
            }
        }
        if (!o.containsKey("gateway") || !o.containsKey("admin-key")) {
            System.err.println("usage: SoakClient --gateway URL --admin-key KEY [--minutes 5] [--rate 10] "
                    + "[--jvm name=pid]... [--out report.md] [--community soak]");
            System.exit(2);
        }
        SoakClient client = new SoakClient(o.get("gateway"), o.get("admin-key"),
                Integer.parseInt(o.getOrDefault("minutes", "5")), Integer.parseInt(o.getOrDefault("rate", "10")), jvms,
                Path.of(o.getOrDefault("out", "var/soak/report.md")), o.getOrDefault("community", "soak"));
        try {
            client.setUp();
        } catch (Exception e) {
            System.err.println("soak: setup failed: " + e.getMessage());
            System.exit(2);
        }
        System.exit(client.soak() == 0 ? 0 : 1);
    }

    // ------------------------------------------------------------------ setup (not measured)

    void setUp() throws Exception {
        operatorKey = createClient("operator");
        medicKey = createClient("medic");
        JsonNode checkpoint = require(send("POST", "/api/v1/checkpoints", operatorKey, "{\"name\":\"浸测卡点 " + runId
                + "\",\"kind\":\"ROAD_JUNCTION\",\"location\":\"soak\"}"), "registering a checkpoint");
        checkpointId = checkpoint.get("id").asText();
        require(send("POST", "/api/v1/checkpoints/" + checkpointId + "/open", operatorKey, null), "opening the checkpoint");
        List<String> returnees = new ArrayList<>();
        for (int i = 0; i < SETUP_PEOPLE; i++) {
            localPeople.add(new Known(require(send("POST", "/api/v1/persons", operatorKey, registration(false)),
                    "registering a person").get("id").asText(), Long.MIN_VALUE));
            returnees.add(require(send("POST", "/api/v1/persons", operatorKey, registration(true)),
                    "registering a returnee").get("id").asText());
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        for (String person : returnees) {
            while (true) {
                HttpResponse<String> found = send("GET", "/api/v1/quarantines?personId=" + person, medicKey, null);
                JsonNode id = found.statusCode() == 200 ? JSON.readTree(found.body()).at("/items/0/id") : null;
                if (id != null && !id.isMissingNode()) {
                    cases.add(id.asText());
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no quarantine case for returnee " + person + " after 10 minutes");
                }
                Thread.sleep(500);
            }
        }
        // every setup resident goes out once, so the gate is known to have read their registration
        for (Known resident : List.copyOf(localPeople)) {
            long sequence = crossingSequence.getAndIncrement();
            while (true) {
                HttpResponse<String> crossed = send("POST", "/api/v1/checkpoints/" + checkpointId + "/crossings",
                        operatorKey, crossing(sequence, resident.id()));
                if (crossed.statusCode() / 100 == 2) {
                    break;
                }
                if (crossed.statusCode() != 404 || System.nanoTime() > deadline) {
                    require(crossed, "a setup crossing");
                }
                Thread.sleep(500);
            }
        }
        System.out.printf("soak: setup done (%d people, %d quarantine cases, checkpoint %s)%n", localPeople.size(),
                cases.size(), checkpointId);
    }

    private String createClient(String role) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/admin/clients"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"soak " + role + " " + runId + "\",\"role\":\""
                        + role + "\",\"communityId\":\"" + community + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return require(response, "creating the " + role + " client").get("apiKey").asText();
    }

    private static JsonNode require(HttpResponse<String> response, String what) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    // ------------------------------------------------------------------ the soak

    int soak() throws Exception {
        String loadBefore = loadAverage();
        heap.put(0, sampleHeaps());
        long total = (long) rate * 60 * minutes;
        long intervalNanos = 1_000_000_000L / rate;
        ExecutorService workers = Executors.newFixedThreadPool(64);
        ExecutorService sampler = Executors.newSingleThreadExecutor();
        long start = System.nanoTime();
        int nextMinute = 1;
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            while (nextMinute <= minutes && scheduled >= start + nextMinute * 60_000_000_000L) {
                int minute = nextMinute++;
                sampler.submit(() -> {
                    heap.put(minute, sampleHeaps());
                    progress(minute);
                });
            }
            sleepUntil(scheduled);
            String operation = MIX.get((int) (i % MIX.size()));
            workers.execute(() -> request(operation, scheduled, start));
        }
        sleepUntil(start + minutes * 60_000_000_000L);
        workers.shutdown();
        workers.awaitTermination(2, TimeUnit.MINUTES);
        while (nextMinute <= minutes) {
            int minute = nextMinute++;
            sampler.submit(() -> {
                heap.put(minute, sampleHeaps());
                progress(minute);
            });
        }
        sampler.shutdown();
        sampler.awaitTermination(10, TimeUnit.MINUTES);
        String report = report(loadBefore, loadAverage());
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println(report);
        return stats.total().errors();
    }

    private void progress(int minute) {
        SoakStats.Summary s = stats.perMinute().get(minute - 1);
        if (s != null) {
            System.out.printf("soak: minute %d: %d requests, %d errors, p50 %.0f ms, p99 %.0f ms; heap after GC %s%n",
                    minute, s.requests(), s.errors(), s.p50Ms(), s.p99Ms(), heap.get(minute));
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private void request(String operation, long scheduled, long start) {
        boolean ok = false;
        String failure = null;
        try {
            HttpResponse<String> response = switch (operation) {
                case "register" -> {
                    boolean returnee = registrations.get() % 3 == 2;
                    HttpResponse<String> r = send("POST", "/api/v1/persons", operatorKey, registration(returnee));
                    if (r.statusCode() == 201 && !returnee) {
                        localPeople.add(new Known(JSON.readTree(r.body()).get("id").asText(), System.nanoTime()));
                    }
                    yield r;
                }
                case "temperature" -> send("POST", "/api/v1/quarantines/" + any(cases) + "/temperatures", medicKey,
                        "{\"celsius\":" + (36.0 + ThreadLocalRandom.current().nextInt(12) / 10.0)
                                + ",\"method\":\"FOREHEAD\",\"occurredAt\":\"" + Instant.now().minusSeconds(30) + "\"}");
                case "crossing" -> {
                    long sequence = crossingSequence.getAndIncrement();
                    yield send("POST", "/api/v1/checkpoints/" + checkpointId + "/crossings", operatorKey,
                            crossing(sequence, known(System.nanoTime() - CROSSES_AFTER_NANOS)));
                }
                case "board-colours" -> send("GET", "/api/v1/boards/colours", operatorKey, null);
                case "board-quarantine" -> send("GET", "/api/v1/boards/quarantine", medicKey, null);
                case "board-checkpoints" -> send("GET", "/api/v1/boards/checkpoints", operatorKey, null);
                case "trail" -> send("GET", "/api/v1/persons/" + known(Long.MAX_VALUE) + "/trail", operatorKey, null);
                case "quarantine-case" -> send("GET", "/api/v1/quarantines/" + any(cases), medicKey, null);
                default -> throw new IllegalArgumentException(operation);
            };
            ok = response.statusCode() / 100 == 2;
            if (!ok) {
                String body = response.body();
                failure = response.statusCode() + " " + body.substring(0, Math.min(300, body.length()));
                errorKinds.computeIfAbsent(operation + " " + response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
            }
        } catch (HttpTimeoutException e) {
            failure = "timeout after " + REQUEST_TIMEOUT.toSeconds() + " s";
            errorKinds.computeIfAbsent(operation + " timeout", k -> new AtomicInteger()).incrementAndGet();
        } catch (Exception e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            errorKinds.computeIfAbsent(operation + " " + e.getClass().getSimpleName(), k -> new AtomicInteger())
                    .incrementAndGet();
        }
        long done = System.nanoTime();
        stats.record(new SoakStats.Sample(operation, scheduled - start, done - scheduled, ok));
        if (failure != null && errorSamples.size() < 20) {
            errorSamples.add(operation + ": " + failure);
        }
    }

    /** One numbering spread over four tablets (each sequence is used once); even ones go out, odd ones come back in. */
    private String crossing(long sequence, String personId) {
        return "{\"tabletId\":\"soak-" + runId + "-" + sequence % 4 + "\",\"sequence\":" + sequence
                + ",\"subject\":\"PERSON\",\"personId\":\"" + personId + "\",\"direction\":\""
                + (sequence % 2 == 0 ? "OUT" : "IN") + "\",\"temperatureCelsius\":36.5,\"occurredAt\":\""
                + Instant.now().minusSeconds(1) + "\"}";
    }

    /** A resident registered before {@code registeredBefore} (the setup's residents always qualify). */
    private String known(long registeredBefore) {
        synchronized (localPeople) {
            int eligible = localPeople.size();
            while (eligible > SETUP_PEOPLE && localPeople.get(eligible - 1).registeredAt() > registeredBefore) {
                eligible--;
            }
            return localPeople.get(ThreadLocalRandom.current().nextInt(eligible)).id();
        }
    }

    private record Known(String id, long registeredAt) {
    }

    private static String any(List<String> values) {
        synchronized (values) {
            return values.get(ThreadLocalRandom.current().nextInt(values.size()));
        }
    }

    private HttpResponse<String> send(String method, String path, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + key);
        if (method.equals("GET")) {
            request.GET();
        } else {
            request.header("Idempotency-Key", "soak-" + UUID.randomUUID())
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A new person with a valid, run-unique resident ID number; a returnee from Wuhan starts a quarantine case. */
    private String registration(boolean returnee) {
        int n = registrations.getAndIncrement();
        String birth = LocalDate.of(1950, 1, 1).plusDays(idBase + n / 999).toString().replace("-", "");
        String first17 = "411324" + birth + String.format("%03d", n % 999 + 1);
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        return "{\"name\":\"浸测" + runId + "号" + n + "\",\"residentIdNumber\":\"" + first17 + checkCharacter(first17)
                + "\",\"phone\":\"139" + String.format("%08d", n) + "\",\"origin\":\""
                + (returnee ? "WUHAN\",\"arrivalDate\":\"" + yesterday + "\"" : "LOCAL\"")
                + ",\"compound\":\"浸测小区\",\"address\":\"浸测小区 1号楼\",\"source\":\"GRID_VISIT\"}";
    }

    /** GB 11643's check character (ISO 7064 MOD 11-2) of the first 17 digits. */
    static char checkCharacter(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    private Map<String, Long> sampleHeaps() {
        Map<String, Long> sample = new LinkedHashMap<>();
        jvms.forEach((name, pid) -> {
            OptionalLong bytes = HeapAfterGc.sample(pid);
            sample.put(name, bytes.isPresent() ? bytes.getAsLong() : -1L);
        });
        return sample;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    // ------------------------------------------------------------------ report

    String report(String loadBefore, String loadAfter) {
        StringBuilder s = new StringBuilder();
        SoakStats.Summary total = stats.total();
        s.append(String.format("Offered **%d requests/s for %d min** (%,d requests) through the gateway; load average "
                        + "(1/5/15 min) %s before, %s after. Mix per 20 requests: %s.%n%n", rate, minutes,
                total.requests(), loadBefore, loadAfter, mixText()));
        s.append("| minute | requests | errors | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
        stats.perMinute().forEach((minute, m) -> s.append(String.format("| %d | %,d | %d | %.0f | %.0f | %.0f |%n",
                minute + 1, m.requests(), m.errors(), m.p50Ms(), m.p99Ms(), m.maxMs())));
        s.append(String.format("| all | %,d | **%d** | %.0f | %.0f | %.0f |%n%n", total.requests(), total.errors(),
                total.p50Ms(), total.p99Ms(), total.maxMs()));
        s.append("Latency from each request's scheduled start (open loop); an error is any non-2xx or no answer within "
                + REQUEST_TIMEOUT.toSeconds() + " s.\n\n");
        s.append("| operation | requests | errors | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
        stats.perOperation().forEach((op, m) -> s.append(String.format("| %s | %,d | %d | %.0f | %.0f | %.0f |%n", op,
                m.requests(), m.errors(), m.p50Ms(), m.p99Ms(), m.maxMs())));
        s.append("\nHeap after a forced full GC (`jcmd <pid> GC.run`, then `GC.heap_info`: used), MB, before the load "
                + "and at the end of each minute:\n\n");
        s.append("| JVM | before |");
        for (int m = 1; m <= minutes; m++) {
            s.append(" min ").append(m).append(" |");
        }
        s.append(" min ").append(minutes).append(" − min 1 |\n|---|---|").append("---|".repeat(minutes + 1)).append('\n');
        for (String name : jvms.keySet()) {
            s.append("| ").append(name).append(" |");
            for (int m = 0; m <= minutes; m++) {
                s.append(' ').append(mb(heap.getOrDefault(m, Map.of()).getOrDefault(name, -1L))).append(" |");
            }
            long first = heap.getOrDefault(1, Map.of()).getOrDefault(name, -1L);
            long last = heap.getOrDefault(minutes, Map.of()).getOrDefault(name, -1L);
            s.append(' ').append(first < 0 || last < 0 ? "?" : String.format("%+.1f", (last - first) / 1048576.0))
                    .append(" |\n");
        }
        if (!errorKinds.isEmpty()) {
            s.append("\nErrors by operation and answer: ");
            List<String> kinds = new ArrayList<>();
            new TreeMap<>(errorKinds).forEach((kind, n) -> kinds.add(kind + " × " + n.get()));
            s.append(String.join(", ", kinds)).append(".\n");
        }
        if (!errorSamples.isEmpty()) {
            s.append("\nFirst errors:\n\n");
            synchronized (errorSamples) {
                errorSamples.forEach(e -> s.append("- `").append(e.replace('`', '\'').replace('\n', ' ')).append("`\n"));
            }
        }
        return s.toString();
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "?" : String.format("%.1f", bytes / 1048576.0);
    }

    private static String mixText() {
        Map<String, Integer> counts = new TreeMap<>();
        MIX.forEach(op -> counts.merge(op, 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((op, n) -> parts.add(n + " " + op));
        return String.join(", ", parts);
    }
}
