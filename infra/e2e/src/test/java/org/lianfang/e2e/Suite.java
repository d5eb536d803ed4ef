package org.lianfang.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lianfang.devstore.DevStore;
import org.lianfang.identity.IdentityCodec;
import org.lianfang.identity.SignedIdentity;

/**
 * The whole suite in this JVM: the embedded store, the four services and the gateway, with signed
 * identities and one API client per role. Services can be stopped and restarted on their port.
 */
final class Suite implements AutoCloseable {

    /** How long an app may take to start; {@code -Dlianfang.e2e.start-minutes} on a loaded machine. */
    static final Duration START = Duration.ofMinutes(Long.getLong("lianfang.e2e.start-minutes", 4));
    static final String COMMUNITY = "anguo";
    static final List<String> SERVICES = List.of("registry", "quarantine", "checkpoint", "volunteer");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String identityKey = "e2e-identity-" + UUID.randomUUID();
    final String adminKey = "lf_e2e-admin-" + UUID.randomUUID();
    /**
     * The embedded store: in memory, or with {@code -Dlianfang.e2e.store=h2} the durable H2 file in a
     * temporary directory (deleted on close) — for runs whose data does not fit in this JVM's heap,
     * e.g. the 1 M-event benchmark.
     */
    final Path storeDir = "h2".equals(System.getProperty("lianfang.e2e.store")) ? temporaryDirectory() : null;
    final DevStore store = storeDir == null ? DevStore.memory() : DevStore.h2(storeDir, 0);
    /** The county's fever clinic, for quarantine-service's referrals. */
    final WireMockServer clinic = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    final Map<String, IsolatedApp> services = new LinkedHashMap<>();
    final Map<String, Integer> ports = new HashMap<>();
    final Map<String, String> keys = new HashMap<>();
    IsolatedApp gateway;

    /** Extra properties of every service (not the gateway), e.g. the privacy master key. */
    final Map<String, String> serviceProperties = new HashMap<>();

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("lianfang-e2e-store");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Suite start() {
        return start(Map.of());
    }

    /** The suite with {@code serviceProperties} added to every service's properties. */
    static Suite start(Map<String, String> serviceProperties) {
        Suite suite = new Suite();
        suite.serviceProperties.putAll(serviceProperties);
        try {
            suite.startAll();
            return suite;
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    private void startAll() {
        clinic.start();
        clinic.stubFor(WireMock.post(WireMock.urlPathEqualTo("/api/v1/referrals")).willReturn(WireMock.aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"referenceId\":\"clinic-ref-1\",\"status\":\"ACCEPTED\"}")));
        SERVICES.forEach(s -> ports.put(s, IsolatedApp.freePort()));
        ExecutorService starter = Executors.newFixedThreadPool(SERVICES.size());
        try {
            List<Future<IsolatedApp>> started = new ArrayList<>();
            for (String service : SERVICES) {
                started.add(starter.submit(() -> startService(service)));
            }
            for (int i = 0; i < SERVICES.size(); i++) {
                services.put(SERVICES.get(i), started.get(i).get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("the services did not start", e);
        } finally {
            starter.shutdownNow();
        }
        Map<String, String> gatewayProperties = new HashMap<>();
        SERVICES.forEach(s -> gatewayProperties.put("LIANFANG_" + s.toUpperCase() + "_URL", "http://127.0.0.1:" + ports.get(s)));
        gatewayProperties.put("LIANFANG_MONGODB_URI", store.uri());
        gatewayProperties.put("LIANFANG_IDENTITY_KEY", identityKey);
        gatewayProperties.put("LIANFANG_ADMIN_API_KEY", adminKey);
        gatewayProperties.put("lianfang.gateway.security.rate-limits.county.per-second", "1000");
        gatewayProperties.put("lianfang.gateway.security.rate-limits.county.burst", "1000");
        gatewayProperties.put("lianfang.gateway.security.rate-limits.operator.per-second", "1000");
        gatewayProperties.put("lianfang.gateway.security.rate-limits.operator.burst", "1000");
        gateway = IsolatedApp.start("gateway", gatewayProperties, START);
        for (String role : List.of("operator", "medic", "auditor")) {
            keys.put(role, createClient(role, COMMUNITY));
        }
        keys.put("county", createClient("county", "*"));
        keys.put("other-operator", createClient("operator", "elsewhere"));
    }

    private IsolatedApp startService(String service) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "lianfang.mongodb.uri", store.uri(),
                "lianfang.mongodb.write-concern", "w1",
                "lianfang.security.identity-key", identityKey,
                "lianfang.clock.adjustable", "true"));
        if (service.equals("quarantine")) {
            properties.put("quarantine.fever-clinic.base-url", clinic.baseUrl());
            properties.put("quarantine.fever-clinic.dispatch-interval", "1s");
        }
        properties.putAll(serviceProperties);
        return IsolatedApp.start(service + "-service", properties, START, ports.get(service));
    }

    /** Stops {@code service} (as its shutdown hook would) and starts it again on the same port. */
    void restart(String service) {
        services.remove(service).close();
        services.put(service, startService(service));
    }

    /**
     * Moves every service's clock forward by {@code by} (they run on the platform's adjustable clock here),
     * calling each service's internal clock endpoint with a signed admin identity; answers the new "now".
     */
    Instant advanceClock(Duration by) {
        Instant now = null;
        for (String service : SERVICES) {
            String path = "/api/v1/internal/clock";
            String identity = new IdentityCodec(identityKey, Clock.systemUTC()).sign(new SignedIdentity(
                    "e2e-clock", "admin", "*", List.of(), "POST", path, Instant.now().plusSeconds(30)));
            HttpResponse<String> moved = send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + ports.get(service) + path))
                    .header(IdentityCodec.HEADER, identity)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"advanceBy\": \"" + by + "\"}")));
            if (moved.statusCode() != 200) {
                throw new IllegalStateException(service + " did not move its clock: " + moved.body());
            }
            now = Instant.parse(json(moved).path("now").asText());
        }
        return now;
    }

    String createClient(String role, String community) {
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/v1/admin/clients"))
                .header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"e2e " + role + "\",\"role\":\"" + role
                        + "\",\"communityId\":\"" + community + "\"}")));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("could not create a " + role + " client: " + created.body());
        }
        return json(created).path("apiKey").asText();
    }

    HttpResponse<String> get(String as, String path) {
        return send(HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .header("Authorization", "Bearer " + keys.get(as)).GET());
    }

    /**
     * A GET straight to {@code service} (not through the gateway), under an identity signed as the
     * gateway would sign it for an operator of this suite's community: for measuring a service's
     * share of a composed view.
     */
    HttpResponse<String> getDirect(String service, String pathAndQuery) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        String identity = new IdentityCodec(identityKey, Clock.systemUTC()).sign(new SignedIdentity(
                "e2e-direct", "operator", COMMUNITY, List.of(), "GET", path, Instant.now().plusSeconds(30)));
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(service) + pathAndQuery))
                .header(IdentityCodec.HEADER, identity).GET());
    }

    HttpResponse<String> post(String as, String path, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .header("Authorization", "Bearer " + keys.get(as))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        services.values().forEach(IsolatedApp::close);
        store.close();
        if (storeDir != null) {
            try (var files = Files.walk(storeDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind
            }
        }
        if (clinic.isRunning()) {
            clinic.stop();
        }
    }
}
