package org.lianfang.seeds;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The command line: {@code --gateway URL --data DIR [--credentials FILE] [--parallel N]} (N requests
 * in flight at most, default 4). API keys per role come
 * from {@code LIANFANG_<ROLE>_KEY} (environment first, then the credentials file, e.g.
 * {@code var/demo-credentials.env}); {@code LIANFANG_SEED_API_KEY} is still read as the operator's
 * key. Exit 0 when everything is loaded, 1 when some line failed, 2 when nothing could be tried.
 */
final class SeedCommand {

    static final String LEGACY_OPERATOR_KEY = "LIANFANG_SEED_API_KEY";
    private static final int SHOWN_FAILURES = 20;

    private SeedCommand() {
    }

    static String envName(String role) {
        return "LIANFANG_" + role.toUpperCase(Locale.ROOT) + "_KEY";
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws InterruptedException {
        String gateway = env.getOrDefault("LIANFANG_GATEWAY", "http://127.0.0.1:8080");
        Path data = Path.of("seeds/data");
        Path credentials = null;
        int parallelism = 4;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--gateway" -> gateway = value;
                case "--data" -> data = value == null ? null : Path.of(value);
                case "--credentials" -> credentials = value == null ? null : Path.of(value);
                case "--parallel" -> parallelism = value == null || !value.matches("[1-9]\\d?") ? 0 : Integer.parseInt(value);
                default -> {
                    err.println("seeds: unknown argument " + args[i]
                            + "; usage: --gateway URL --data DIR [--credentials FILE] [--parallel N]");
                    return 2;
                }
            }
            i++;
            if (value == null || parallelism == 0) {
                err.println("seeds: " + args[i - 1] + " needs a value" + (parallelism == 0 ? " from 1 to 99" : ""));
                return 2;
            }
        }
        List<SeedRequest> requests;
        Map<String, String> keys;
        try {
            requests = SeedFiles.read(data);
            keys = keys(env, credentials);
        } catch (SeedFiles.InvalidSeedData e) {
            err.println("seeds: the data in " + data + " is invalid, nothing sent:");
            e.problems().stream().limit(SHOWN_FAILURES).forEach(p -> err.println("  " + p));
            return 2;
        } catch (IOException e) {
            err.println("seeds: " + e);
            return 2;
        }
        TreeSet<String> missing = new TreeSet<>();
        requests.stream().map(SeedRequest::as).filter(role -> keys.get(role) == null).forEach(missing::add);
        if (!missing.isEmpty()) {
            err.println("seeds: no API key for role(s) " + missing + ": set "
                    + missing.stream().map(SeedCommand::envName).toList() + " or pass --credentials var/demo-credentials.env");
            return 2;
        }
        out.printf("seeds: loading %d requests from %s through %s%n", requests.size(), data, gateway);
        SeedLoader loader = new SeedLoader(URI.create(gateway), keys, SeedLoader.Settings.defaults(parallelism));
        SeedLoader.Outcome outcome = loader.load(requests, printer(out, System.console() != null));
        out.printf("seeds: %d requests: %d created, %d already present, %d waits satisfied, %s%d failed%n",
                outcome.total(), outcome.created(), outcome.present(), outcome.waited(),
                outcome.skipped() == 0 ? "" : outcome.skipped() + " not due now (during), ", outcome.failures().size());
        if (outcome.created() > 0 && outcome.created() <= SHOWN_FAILURES) {
            out.printf("seeds: created %s%n", String.join(", ", outcome.createdKeys()));
        }
        if (!outcome.conflicts().isEmpty()) {
            out.printf("seeds: %d answered 409 (counted as present), first: %s%n", outcome.conflicts().size(),
                    outcome.conflicts().get(0));
        }
        if (!outcome.ok()) {
            out.printf("seeds: first %d failure(s):%n", Math.min(SHOWN_FAILURES, outcome.failures().size()));
            outcome.failures().stream().limit(SHOWN_FAILURES).forEach(f -> out.println("  " + f));
        }
        return outcome.ok() ? 0 : 1;
    }

    /** Keys by role: the credentials file, overridden by the environment. */
    static Map<String, String> keys(Map<String, String> env, Path credentials) throws IOException {
        Map<String, String> file = new HashMap<>();
        if (credentials != null) {
            for (String line : Files.readAllLines(credentials, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    file.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        }
        Map<String, String> keys = new HashMap<>();
        for (String role : SeedFiles.ROLES) {
            String key = firstNonBlank(env.get(envName(role)), file.get(envName(role)));
            if (key == null && "operator".equals(role)) {
                key = firstNonBlank(env.get(LEGACY_OPERATOR_KEY), null);
            }
            if (key != null) {
                keys.put(role, key);
            }
        }
        return keys;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }

    /** One line per percent (a log file stays short), or one self-rewriting line on a terminal. */
    static Consumer<SeedLoader.Progress> printer(PrintStream out, boolean terminal) {
        int[] lastPercent = {-1};
        String[] lastPhase = {null};
        return p -> {
            boolean newPhase = !p.phase().equals(lastPhase[0]);
            if (p.percent() == lastPercent[0] && !newPhase && p.done() != p.total()) {
                return;
            }
            lastPercent[0] = p.percent();
            lastPhase[0] = p.phase();
            String line = String.format("seeds: [%3d%%] %d/%d  created %d · present %d · waited %d · failed %d  (%s)",
                    p.percent(), p.done(), p.total(), p.created(), p.present(), p.waited(), p.failed(), p.phase());
            if (terminal) {
                out.print("\r" + line + (p.done() == p.total() ? "\n" : ""));
            } else {
                out.println(line);
            }
            out.flush();
        };
    }
}
