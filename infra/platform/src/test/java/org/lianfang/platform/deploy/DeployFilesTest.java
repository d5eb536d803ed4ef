package org.lianfang.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The production files in {@code infra/deploy} (issue 11), checked without a cluster: every YAML
 * and JSON file parses; every Deployment and StatefulSet has probes and resource limits; every
 * secret a pod reads exists; Services and the Ingress point at something; the kustomization lists
 * existing files; and every metric the Grafana dashboard queries is one the suite exports
 * ({@code observability/exported-metrics.txt}, captured from a running suite by {@code ./lianfang bench}).
 */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Path> files(String... extensions) {
        try (Stream<Path> walk = Files.walk(DEPLOY)) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> Stream.of(extensions).anyMatch(ext -> path.toString().endsWith(ext)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> yamlDocuments(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
                if (document != null) {
                    assertThat(document).as(file + ": a document is a mapping").isInstanceOf(Map.class);
                    documents.add(map(document));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    private static Map<String, Object> at(Map<String, Object> node, String... path) {
        Map<String, Object> current = node;
        for (String key : path) {
            current = map(current.get(key));
        }
        return current;
    }

    private static List<Map<String, Object>> kubernetes() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Path file : files(".yaml", ".yml")) {
            if (file.startsWith(DEPLOY.resolve("k8s")) && !file.endsWith("kustomization.yaml")) {
                all.addAll(yamlDocuments(file));
            }
        }
        return all;
    }

    @Test
    void everyFileParses() throws IOException {
        List<Path> yaml = files(".yaml", ".yml");
        List<Path> json = files(".json");
        assertThat(yaml).hasSizeGreaterThanOrEqualTo(8);
        assertThat(json).isNotEmpty();
        yaml.forEach(DeployFilesTest::yamlDocuments);
        for (Path file : json) {
            assertThat(JSON.readTree(file.toFile())).as(file.toString()).isNotNull();
        }
        for (Map<String, Object> resource : kubernetes()) {
            assertThat(resource).as("a Kubernetes resource").containsKeys("apiVersion", "kind", "metadata");
            assertThat(at(resource, "metadata").get("name")).as("name of a %s", resource.get("kind")).isNotNull();
        }
    }

    @Test
    void everyWorkloadHasProbesRequestsAndLimits() {
        int workloads = 0;
        for (Map<String, Object> resource : kubernetes()) {
            if (!Set.of("Deployment", "StatefulSet").contains(resource.get("kind"))) {
                continue;
            }
            workloads++;
            String name = (String) at(resource, "metadata").get("name");
            List<Object> containers = list(at(resource, "spec", "template", "spec").get("containers"));
            assertThat(containers).as(name).isNotEmpty();
            for (Object c : containers) {
                Map<String, Object> container = map(c);
                assertThat(container).as(name + " probes").containsKeys("livenessProbe", "readinessProbe");
                assertThat(at(container, "resources", "limits")).as(name + " limits").containsKeys("cpu", "memory");
                assertThat(at(container, "resources", "requests")).as(name + " requests").containsKeys("cpu", "memory");
            }
            assertThat(at(resource, "spec", "selector", "matchLabels").entrySet())
                    .as(name + ": the selector matches the pod template")
                    .isSubsetOf(at(resource, "spec", "template", "metadata", "labels").entrySet());
        }
        assertThat(workloads).as("4 services, gateway, MongoDB, Prometheus").isGreaterThanOrEqualTo(7);
    }

    @Test
    void everySecretReadExistsAndServicesPointAtPods() {
        List<Map<String, Object>> resources = kubernetes();
        Set<String> secretKeys = new HashSet<>();
        Set<String> services = new HashSet<>();
        List<Map<String, Object>> podLabels = new ArrayList<>();
        for (Map<String, Object> resource : resources) {
            String name = (String) at(resource, "metadata").get("name");
            switch ((String) resource.get("kind")) {
                case "Secret" -> {
                    at(resource, "stringData").keySet().forEach(key -> secretKeys.add(name + "/" + key));
                    at(resource, "data").keySet().forEach(key -> secretKeys.add(name + "/" + key));
                    secretKeys.add(name + "/");
                }
                case "Service" -> services.add(name);
                case "Deployment", "StatefulSet" -> podLabels.add(at(resource, "spec", "template", "metadata", "labels"));
                default -> { }
            }
        }
        Set<String> read = new TreeSet<>();
        for (Map<String, Object> resource : resources) {
            Map<String, Object> pod = at(resource, "spec", "template", "spec");
            for (Object c : list(pod.get("containers"))) {
                for (Object e : list(map(c).get("env"))) {
                    Map<String, Object> ref = at(map(e), "valueFrom", "secretKeyRef");
                    if (!ref.isEmpty()) {
                        read.add(ref.get("name") + "/" + ref.get("key"));
                    }
                }
            }
            for (Object v : list(pod.get("volumes"))) {
                Map<String, Object> secret = at(map(v), "secret");
                if (!secret.isEmpty()) {
                    read.add(secret.get("secretName") + "/");
                }
            }
            if ("Service".equals(resource.get("kind"))) {
                Map<String, Object> selector = at(resource, "spec", "selector");
                assertThat(podLabels).as("pods selected by Service " + at(resource, "metadata").get("name"))
                        .anySatisfy(labels -> assertThat(labels.entrySet()).containsAll(selector.entrySet()));
            }
            if ("Ingress".equals(resource.get("kind"))) {
                for (Object rule : list(at(resource, "spec").get("rules"))) {
                    for (Object path : list(at(map(rule), "http").get("paths"))) {
                        assertThat(services).contains((String) at(map(path), "backend", "service").get("name"));
                    }
                }
            }
        }
        assertThat(read).contains("lianfang-secrets/mongodb-uri", "lianfang-secrets/identity-key",
                "lianfang-secrets/master-key", "lianfang-secrets/admin-api-key");
        assertThat(secretKeys).containsAll(read);
    }

    @Test
    void theKustomizationListsExistingFiles() {
        Map<String, Object> kustomization = yamlDocuments(DEPLOY.resolve("k8s/kustomization.yaml")).get(0);
        for (Object resource : list(kustomization.get("resources"))) {
            assertThat(DEPLOY.resolve("k8s").resolve((String) resource)).exists();
        }
    }

    @Test
    void composeServicesAreHealthCheckedAndBounded() {
        Map<String, Object> compose = yamlDocuments(DEPLOY.resolve("compose/docker-compose.yml")).get(0);
        Map<String, Object> services = at(compose, "services");
        assertThat(services).containsKeys("mongodb", "registry", "quarantine", "checkpoint-1", "checkpoint-2",
                "volunteer", "gateway", "prometheus", "grafana");
        services.forEach((name, value) -> {
            Map<String, Object> service = map(value);
            if (String.valueOf(service.get("image")).startsWith("lianfang/")) {
                assertThat(service).as(name).containsKeys("healthcheck", "mem_limit");
                assertThat(at(service, "environment")).as(name).containsKeys("LIANFANG_MONGODB_URI", "LIANFANG_IDENTITY_KEY");
            }
        });
        assertThat(at(services, "gateway", "environment"))
                .containsKeys("SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_CHECKPOINT_0_URI",
                        "SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_CHECKPOINT_1_URI");
    }

    private static final Pattern LABELS = Pattern.compile("\\{[^}]*}|\\[[^]]*]|\"[^\"]*\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "bool", "offset", "and", "or", "unless");

    /** The metric names of a PromQL expression: identifiers that are not functions, keywords, labels or durations. */
    static Set<String> metricNames(String expression) {
        String bare = GROUPING.matcher(LABELS.matcher(expression).replaceAll(" ")).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(bare);
        while (matcher.find()) {
            if (!KEYWORDS.contains(matcher.group(1))) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    @Test
    void metricNamesAreFoundInExpressions() {
        assertThat(metricNames("sum by (service) (rate(commandBus_allTimer_seconds_count{a=\"b\"}[1m]))"))
                .containsExactly("commandBus_allTimer_seconds_count");
        assertThat(metricNames("sum(quarantine_referrals_pending) / max by (routeId) (x_max)"))
                .containsExactly("quarantine_referrals_pending", "x_max");
    }

    @Test
    void theGatewayLatencyPanelShowsP99FromBucketsTheGatewayConfigures() throws IOException {
        JsonNode dashboard = JSON.readTree(DEPLOY.resolve("observability/grafana-dashboard.json").toFile());
        List<String> p99 = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.path("title").asText().toLowerCase().contains("gateway latency")) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.get("expr").asText();
                    if (expr.startsWith("histogram_quantile(0.99,")) {
                        p99.add(expr);
                    }
                }
            }
        }
        assertThat(p99).as("p99 queries of the gateway latency panel").isNotEmpty();
        Map<String, Object> gateway = yamlDocuments(DEPLOY.resolve("../../gateway/src/main/resources/application.yml").normalize()).get(0);
        Set<String> bucketed = new TreeSet<>();
        for (String key : at(gateway, "management", "metrics", "distribution", "slo").keySet()) {
            bucketed.add(key.replace("[", "").replace("]", "").replace('.', '_') + "_seconds_bucket");
        }
        for (String expr : p99) {
            assertThat(metricNames(expr)).as(expr).isNotEmpty().allSatisfy(metric -> assertThat(bucketed)
                    .as("meters with buckets in the gateway's management.metrics.distribution.slo").contains(metric));
        }
    }

    @Test
    void theDashboardQueriesOnlyMetricsTheSuiteExports() throws IOException {
        Set<String> exported = new HashSet<>();
        for (String line : Files.readAllLines(DEPLOY.resolve("observability/exported-metrics.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                exported.add(line.trim());
            }
        }
        assertThat(exported).as("captured metric names").hasSizeGreaterThan(20);
        JsonNode dashboard = JSON.readTree(DEPLOY.resolve("observability/grafana-dashboard.json").toFile());
        Set<String> used = new TreeSet<>();
        Set<String> titles = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            titles.add(panel.path("title").asText());
            for (JsonNode target : panel.path("targets")) {
                used.addAll(metricNames(target.get("expr").asText()));
            }
        }
        assertThat(used).as("metrics the dashboard queries").isNotEmpty();
        assertThat(exported).containsAll(used);
        assertThat(String.join(" ", titles).toLowerCase()).contains("commands", "lag", "gateway", "referrals");
    }
}
