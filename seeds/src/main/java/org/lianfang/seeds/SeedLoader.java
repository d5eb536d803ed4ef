package org.lianfang.seeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Feeds the demo community into a running suite <em>through the gateway's public API</em>, never
 * into a database: each line of a {@code seeds/data/*.jsonl} file is one API request
 * ({@code method}, {@code path}, {@code key}, {@code body}), sent in file order with its
 * {@code key} as the {@code Idempotency-Key}, so loading twice changes nothing and a request
 * that failed on a flaky connection is simply sent again.
 */
public final class SeedLoader {

    /** One request of a seed file. */
    public record SeedRequest(String file, int line, String method, String path, String key, JsonNode body) {
    }

    /** What a load did: how many requests were created, already there, or failed, and why. */
    public record Outcome(int created, int replayed, List<String> failures) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 5;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI gateway;
    private final String apiKey;
    private final Duration backoff;

    public SeedLoader(URI gateway, String apiKey, Duration backoff) {
        this.gateway = gateway;
        this.apiKey = apiKey;
        this.backoff = backoff;
    }

    public static void main(String[] args) throws Exception {
        String gateway = "http://127.0.0.1:8080";
        Path dir = Path.of("seeds/data");
        for (int i = 0; i < args.length - 1; i++) {
            switch (args[i]) {
                case "--gateway" -> gateway = args[++i];
                case "--data" -> dir = Path.of(args[++i]);
                default -> {
                }
            }
        }
        String apiKey = System.getenv().getOrDefault("LIANFANG_SEED_API_KEY", "");
        Outcome outcome = new SeedLoader(URI.create(gateway), apiKey, Duration.ofMillis(500)).load(read(dir));
        System.out.printf("demo community: %d created, %d already present, %d failed%n",
                outcome.created(), outcome.replayed(), outcome.failures().size());
        outcome.failures().stream().limit(20).forEach(f -> System.out.println("  " + f));
        System.exit(outcome.ok() ? 0 : 1);
    }

    /** All requests of the {@code *.jsonl} files in {@code dir}, files in name order. */
    public static List<SeedRequest> read(Path dir) throws IOException {
        List<SeedRequest> requests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).isBlank()) {
                        continue;
                    }
                    JsonNode node = JSON.readTree(lines.get(i));
                    requests.add(new SeedRequest(file.getFileName().toString(), i + 1,
                            node.path("method").asText("POST"), node.path("path").asText(),
                            node.path("key").asText(), node.get("body")));
                }
            }
        }
        return requests;
    }

    /** Sends every request; retries connection failures and 5xx answers with the same key. */
    public Outcome load(List<SeedRequest> requests) throws InterruptedException {
        int created = 0;
        int replayed = 0;
        List<String> failures = new ArrayList<>();
        for (SeedRequest request : requests) {
            String failure = null;
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    HttpResponse<String> response = http.send(toHttp(request), HttpResponse.BodyHandlers.ofString());
                    int status = response.statusCode();
                    if (status == 201 || status == 202 || status == 204) {
                        created++;
                        failure = null;
                        break;
                    }
                    if (status == 200) {
                        replayed++;
                        failure = null;
                        break;
                    }
                    failure = where(request) + " -> " + status + " " + response.body();
                    if (status < 500 && status != 429) {
                        break;
                    }
                } catch (IOException e) {
                    failure = where(request) + " -> " + e;
                }
                Thread.sleep(backoff.toMillis() * attempt);
            }
            if (failure != null) {
                failures.add(failure);
            }
        }
        return new Outcome(created, replayed, failures);
    }

    private HttpRequest toHttp(SeedRequest request) {
        String body = request.body() == null ? "" : request.body().toString();
        HttpRequest.Builder builder = HttpRequest.newBuilder(gateway.resolve(request.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .header("Idempotency-Key", request.key())
                .header("X-Actor", "seed-loader")
                .method(request.method(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!apiKey.isBlank()) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder.build();
    }

    private static String where(SeedRequest request) {
        return request.file() + ":" + request.line() + " " + request.method() + " " + request.path();
    }
}
