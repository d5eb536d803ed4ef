package org.lianfang.seeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Feeds the demo community into a running suite <em>through the gateway's public API</em>, never
 * into a database. Every line of the seed files is sent in order, by the demo client of its role,
 * with its key as {@code Idempotency-Key}: a second run is answered from the services'
 * idempotency records and creates nothing. Ids the suite chooses reach later lines through
 * placeholders ({@link Placeholders}); lines that depend on an asynchronous projection (a
 * quarantine case started from a registration) are preceded by a wait that polls until it exists.
 * Flaky answers (connection errors, 5xx, 429, a 409 for a key still in flight or a concurrent
 * write) are retried with exponential backoff under the same key.
 */
public final class SeedLoader {

    /** How hard to try. */
    public record Settings(int attempts, Duration backoff, Duration maxBackoff, Duration pollInterval,
                           Duration waitTimeout, ZoneId zone, Clock clock, Sleeper sleeper, int parallelism) {

        /** What {@code ./lianfang up} uses, with {@code parallelism} requests in flight at most. */
        public static Settings defaults(int parallelism) {
            return new Settings(6, Duration.ofMillis(250), Duration.ofSeconds(8), Duration.ofMillis(300),
                    Duration.ofSeconds(90), ZoneId.of("Asia/Shanghai"), Clock.systemUTC(), Thread::sleep, parallelism);
        }
    }

    /** Waits between attempts; a seam so tests see the backoff without timing anything. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** Where a load stands, after each line. */
    public record Progress(String phase, int done, int total, int created, int present, int waited, int failed) {
        public int percent() {
            return total == 0 ? 100 : done * 100 / total;
        }
    }

    /**
     * What a load did. {@code created}: applied now; {@code present}: already there (an
     * idempotent replay, or a 409 conflict such as a notice already signed); {@code waited}: waits
     * satisfied; {@code conflicts}: the 409s counted as present, for a look; {@code failures}:
     * file:line, request and answer; {@code skipped}: lines whose {@code during} window was not now;
     * {@code answers}: the answer to each line by its key as written (what tests look ids up in);
     * {@code createdKeys}: the keys (as sent) of the lines applied now, so a rerun that adds something says what.
     */
    public record Outcome(int total, int created, int present, int waited, List<String> conflicts,
                          List<String> failures, int skipped, Map<String, JsonNode> answers, List<String> createdKeys) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN_BODY = 300;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI gateway;
    private final Map<String, String> keysByRole;
    private final Settings settings;

    public SeedLoader(URI gateway, Map<String, String> keysByRole, Settings settings) {
        this.gateway = gateway;
        this.keysByRole = Map.copyOf(keysByRole);
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        System.exit(SeedCommand.run(args, System.getenv(), System.out, System.err));
    }

    private enum Kind { CREATED, PRESENT, WAITED, FAILED, SKIPPED }

    private record Result(Kind kind, JsonNode answer, String note, String key) {
        Result(Kind kind, JsonNode answer, String note) {
            this(kind, answer, note, null);
        }
        static Result failed(String note) {
            return new Result(Kind.FAILED, null, note);
        }
    }

    /**
     * Sends every request, file after file (each file is a phase that ends before the next
     * begins), reporting progress after each. With {@code parallelism} above 1, lines of one file
     * run concurrently where the data allows it: a line starts once every line it refers to has
     * finished and after the earlier lines of its lane (the line its first placeholder names, or
     * itself), so the steps of one delivery or the calls to one person stay in file order.
     */
    public Outcome load(List<SeedRequest> requests, Consumer<Progress> progress) throws InterruptedException {
        Map<String, JsonNode> answers = new ConcurrentHashMap<>();
        Placeholders placeholders = Placeholders.of(answers, LocalDate.now(settings.clock().withZone(settings.zone())),
                settings.zone());
        Tally tally = new Tally(requests.size(), progress, answers);
        if (settings.parallelism() <= 1) {
            for (int i = 0; i < requests.size(); i++) {
                tally.record(i, requests.get(i), execute(requests.get(i), placeholders), answers);
            }
            return tally.outcome();
        }
        ExecutorService pool = Executors.newFixedThreadPool(settings.parallelism());
        try {
            int phaseStart = 0;
            while (phaseStart < requests.size()) {
                int phaseEnd = phaseStart;
                while (phaseEnd < requests.size() && requests.get(phaseEnd).file().equals(requests.get(phaseStart).file())) {
                    phaseEnd++;
                }
                runPhase(requests, phaseStart, phaseEnd, placeholders, answers, tally, pool);
                phaseStart = phaseEnd;
            }
        } finally {
            pool.shutdownNow();
        }
        return tally.outcome();
    }

    private void runPhase(List<SeedRequest> requests, int from, int to, Placeholders placeholders,
                          Map<String, JsonNode> answers, Tally tally, ExecutorService pool) throws InterruptedException {
        Map<String, CompletableFuture<Void>> done = new HashMap<>();
        Map<String, CompletableFuture<Void>> laneTail = new HashMap<>();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int index = i;
            SeedRequest request = requests.get(i);
            List<String> refs = Placeholders.references(request);
            List<CompletableFuture<Void>> before = new ArrayList<>();
            refs.stream().map(done::get).filter(Objects::nonNull).forEach(before::add);
            String lane = refs.isEmpty() ? request.key() : refs.get(0);
            Optional.ofNullable(laneTail.get(lane)).ifPresent(before::add);
            CompletableFuture<Void> task = CompletableFuture.allOf(before.toArray(CompletableFuture[]::new))
                    .thenRunAsync(() -> {
                        Result result;
                        try {
                            result = execute(request, placeholders);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            result = Result.failed("interrupted");
                        } catch (RuntimeException e) {
                            result = Result.failed(e.toString());
                        }
                        tally.record(index, request, result, answers);
                    }, pool);
            done.put(request.key(), task);
            laneTail.put(lane, task);
            all.add(task);
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a seed task broke", e.getCause());
        }
    }

    /** Counts and lists, safe to update from several threads; failures are reported in file order. */
    private static final class Tally {
        private final int total;
        private final Consumer<Progress> progress;
        private int done;
        private int created;
        private int present;
        private int waited;
        private int skipped;
        private final Map<Integer, String> failures = new TreeMap<>();
        private final Map<Integer, String> conflicts = new TreeMap<>();
        private final Map<Integer, String> createdKeys = new TreeMap<>();

        private final Map<String, JsonNode> answers;

        Tally(int total, Consumer<Progress> progress, Map<String, JsonNode> answers) {
            this.total = total;
            this.progress = progress;
            this.answers = answers;
        }

        synchronized void record(int index, SeedRequest request, Result result, Map<String, JsonNode> answers) {
            switch (result.kind()) {
                case CREATED -> {
                    created++;
                    createdKeys.put(index, result.key() != null ? result.key() : request.key());
                }
                case PRESENT -> present++;
                case WAITED -> waited++;
                case SKIPPED -> skipped++;
                case FAILED -> failures.put(index, request.where() + " -> " + result.note());
            }
            if (result.answer() != null) {
                answers.put(request.key(), result.answer());
            }
            if (result.kind() == Kind.PRESENT && result.note() != null) {
                conflicts.put(index, request.where() + " -> " + result.note());
            }
            done++;
            progress.accept(new Progress(request.file(), done, total, created, present, waited, failures.size()));
        }

        synchronized Outcome outcome() {
            return new Outcome(total, created, present, waited, List.copyOf(conflicts.values()),
                    List.copyOf(failures.values()), skipped, Map.copyOf(answers), List.copyOf(createdKeys.values()));
        }
    }

    private Result execute(SeedRequest request, Placeholders placeholders) throws InterruptedException {
        String apiKey = keysByRole.get(request.as());
        if (apiKey == null || apiKey.isBlank()) {
            return Result.failed("no API key for role " + request.as() + " (" + SeedCommand.envName(request.as()) + ")");
        }
        String path;
        JsonNode body;
        String idempotencyKey;
        try {
            if (request.during() != null) {
                Instant now = settings.clock().instant();
                if (now.isBefore(placeholders.instant(request.during().get(0)))
                        || !now.isBefore(placeholders.instant(request.during().get(1)))) {
                    return new Result(Kind.SKIPPED, null, null);
                }
            }
            path = placeholders.text(request.path());
            body = placeholders.json(request.body());
            idempotencyKey = placeholders.text(request.key());
        } catch (Placeholders.Unresolved e) {
            return Result.failed("not sent: " + e.getMessage());
        }
        HttpRequest http = toHttp(request, path, body, apiKey, idempotencyKey);
        if (request.isWait()) {
            return poll(request, http);
        }
        Result sent = send(http);
        return new Result(sent.kind(), sent.answer(), sent.note(), idempotencyKey);
    }

    private Result send(HttpRequest request) throws InterruptedException {
        String last = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            long delay = backoff(attempt);
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    boolean replayed = response.headers().firstValue(REPLAYED_HEADER).map("true"::equalsIgnoreCase)
                            .orElse(false);
                    return new Result(replayed ? Kind.PRESENT : Kind.CREATED, parse(response.body()), null);
                }
                last = status + " " + shorten(response.body());
                if (status == 409 && !retryableConflict(response.body())) {
                    return new Result(Kind.PRESENT, null, last);
                }
                if (status != 409 && status != 429 && status < 500) {
                    return Result.failed(last);
                }
                delay = retryAfter(response).orElse(delay);
            } catch (IOException e) {
                last = e.toString();
            }
            if (attempt < settings.attempts()) {
                settings.sleeper().sleep(delay);
            }
        }
        return Result.failed(last + " (after " + settings.attempts() + " attempts)");
    }

    private Result poll(SeedRequest line, HttpRequest request) throws InterruptedException {
        Duration timeout = line.timeoutSeconds() > 0 ? Duration.ofSeconds(line.timeoutSeconds()) : settings.waitTimeout();
        Instant deadline = settings.clock().instant().plus(timeout);
        String last = "no answer";
        int polls = 0;
        do {
            long delay = settings.pollInterval().toMillis();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                JsonNode answer = status >= 200 && status < 300 ? parse(response.body()) : null;
                if (answer != null && !answer.at(line.until()).isMissingNode() && !answer.at(line.until()).isNull()) {
                    return new Result(Kind.WAITED, answer, null);
                }
                last = status + " " + shorten(response.body());
                if (status != 404 && status != 409 && status != 429 && status < 500 && answer == null) {
                    return Result.failed(last);
                }
                delay = retryAfter(response).orElse(delay);
            } catch (IOException e) {
                last = e.toString();
            }
            polls++;
            settings.sleeper().sleep(delay);
        } while (settings.clock().instant().isBefore(deadline) && polls < maxPolls(timeout));
        return Result.failed("still nothing at " + line.until() + " after " + timeout.toSeconds() + " s; last: " + last);
    }

    /** A bound that also holds when the clock does not move (tests with a fixed clock). */
    private int maxPolls(Duration timeout) {
        return (int) Math.max(1, timeout.toMillis() / Math.max(1, settings.pollInterval().toMillis()));
    }

    private long backoff(int attempt) {
        long base = settings.backoff().toMillis();
        long grown = base << Math.min(attempt - 1, 20);
        return Math.min(grown, settings.maxBackoff().toMillis());
    }

    private Optional<Long> retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Math.min(Long.parseLong(value.trim()) * 1000, settings.maxBackoff().toMillis()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private HttpRequest toHttp(SeedRequest request, String path, JsonNode body, String apiKey, String idempotencyKey) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
        HttpRequest.Builder builder = HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + apiKey)
                .method(request.method(), publisher);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        if (!request.isWait()) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return builder.build();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /**
     * A 409 worth another try: the same key still in flight, or a concurrent write to the same
     * aggregate. Any other 409 (a rule such as a notice already signed) means the state is there.
     */
    private static boolean retryableConflict(String body) {
        String type = parse(body).path("type").asText("");
        return type.endsWith("/idempotency-in-flight") || type.endsWith("/conflict");
    }

    private static String shorten(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() <= SHOWN_BODY ? flat : flat.substring(0, SHOWN_BODY) + "…";
    }
}
