package org.lianfang.seeds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads {@code *.jsonl} seed files in name order (each file is one phase) and rejects a data set
 * with a broken line before anything is sent: half a community loaded because line 900 was not
 * JSON is worse than none.
 */
public final class SeedFiles {

    /** The roles of the demo clients {@code ./lianfang up} creates. */
    public static final Set<String> ROLES = Set.of("operator", "medic", "auditor", "county", "admin");

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> FIELDS = Set.of("key", "as", "method", "path", "body", "until", "timeoutSeconds", "during");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** A data set that must not be loaded, with every problem found (file:line: what). */
    public static final class InvalidSeedData extends Exception {
        private final List<String> problems;

        InvalidSeedData(List<String> problems) {
            super(problems.size() + " invalid seed line(s), first: " + problems.get(0));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private SeedFiles() {
    }

    /** All requests of the {@code *.jsonl} files in {@code dir}, files in name order, blank lines skipped. */
    public static List<SeedRequest> read(Path dir) throws IOException, InvalidSeedData {
        List<SeedRequest> requests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                String where = name + ":" + (i + 1) + ": ";
                try {
                    SeedRequest request = parse(name, i + 1, lines.get(i));
                    if (!keys.add(request.key())) {
                        problems.add(where + "key " + request.key() + " is used twice");
                    }
                    requests.add(request);
                } catch (IllegalArgumentException e) {
                    problems.add(where + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSeedData(problems);
        }
        return requests;
    }

    static SeedRequest parse(String file, int line, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "' (known: " + FIELDS + ")");
            }
        }
        String key = node.path("key").asText("");
        if (key.isBlank()) {
            throw new IllegalArgumentException("no key");
        }
        String as = node.path("as").asText("");
        if (!ROLES.contains(as)) {
            throw new IllegalArgumentException("'as' must be one of " + ROLES + ", not '" + as + "'");
        }
        String method = node.path("method").asText("POST");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unknown method " + method);
        }
        String path = node.path("path").asText("");
        if (!path.startsWith("/api/v1/")) {
            throw new IllegalArgumentException("path must start with /api/v1/");
        }
        String until = node.hasNonNull("until") ? node.get("until").asText() : null;
        if (until != null && (!"GET".equals(method) || !until.startsWith("/"))) {
            throw new IllegalArgumentException("a wait ('until') must be a GET with a JSON pointer starting with /");
        }
        JsonNode body = node.get("body");
        if (body != null && body.isNull()) {
            body = null;
        }
        List<String> during = null;
        if (node.hasNonNull("during")) {
            JsonNode window = node.get("during");
            if (!window.isArray() || window.size() != 2 || !window.get(0).isTextual() || !window.get(1).isTextual()
                    || !Placeholders.isTime(window.get(0).asText()) || !Placeholders.isTime(window.get(1).asText())) {
                throw new IllegalArgumentException("'during' must be two times like [\"${today@08:00}\", \"${today@16:00}\"]");
            }
            during = List.of(window.get(0).asText(), window.get(1).asText());
        }
        return new SeedRequest(file, line, key, as, method, path, body, until, node.path("timeoutSeconds").asInt(0),
                during);
    }
}
