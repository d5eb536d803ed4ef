package org.lianfang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The board (gateway's {@code /board/}) in a real headless Chromium, on the demo slice: it loads
 * with a read-only key from the URL fragment, its counts are the API's, and a trail renders.
 * Needs Debian's {@code chromium} and {@code chromium-driver}; without them it fails, unless
 * {@code LIANFANG_SKIP_BROWSER=1} says this machine runs no browser (or {@code -Dlianfang.browser-tests=false}).
 */
@ExtendWith(DemoSuite.Extension.class)
@DisabledIfEnvironmentVariable(named = "LIANFANG_SKIP_BROWSER", matches = "1")
@Order(70)
@DisabledIfSystemProperty(named = "lianfang.browser-tests", matches = "false")
class BoardBrowserIT {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LIANFANG_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("LIANFANG_CHROMEDRIVER", "/usr/bin/chromedriver"));
    /**
     * The slice's busiest day at the gates — most crossings in, as the board counts them (UTC days). The
     * story's own day (2 Feb, the denied exit) has no arrivals in the 40-household slice: its in is 0.
     */
    static String busiestDay(DemoSlice slice) {
        Map<String, Integer> in = new java.util.TreeMap<>();
        crossings(slice).filter(l -> l.body().path("direction").asText().equals("IN"))
                .forEach(l -> in.merge(day(l), 1, Integer::sum));
        return in.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
    }

    static java.util.stream.Stream<org.lianfang.seeds.SeedRequest> crossings(DemoSlice slice) {
        return slice.lines.stream().filter(l -> l.path().endsWith("/crossings") && l.body() != null
                && l.body().path("occurredAt").asText("").startsWith("20"));
    }

    static String day(org.lianfang.seeds.SeedRequest crossing) {
        return java.time.Instant.parse(crossing.body().path("occurredAt").asText())
                .atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
    }

    static DemoSuite demo;
    static ChromeDriver browser;
    static Path profile;

    @BeforeAll
    static void start(DemoSuite shared) throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("headless browser missing: install it (apt-get install -y chromium chromium-driver) "
                        + "or set LIANFANG_SKIP_BROWSER=1 on a machine that runs no browser; looked for "
                        + CHROMIUM + " and " + CHROMEDRIVER).isTrue();
        demo = shared;
        assertThat(demo.loaded.failures()).as("the demo slice loads").isEmpty();
        profile = Files.createTempDirectory("lianfang-board-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1400,1800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void theBoardShowsTheApisCountsTheNorthGatesDayAndAPersonsTrail() throws Exception {
        Suite suite = demo.suite;
        JsonNode expected = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(DemoSuite.root().resolve("seeds/data/expected-colours.json").toFile());
        Map<String, Integer> expectedTotals = new HashMap<>();
        demo.slice.lines.stream().filter(l -> l.path().equals("/api/v1/persons"))
                .forEach(l -> expectedTotals.merge(expected.path(l.key()).path("colour").asText(), 1, Integer::sum));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
            Map<String, Integer> now = new HashMap<>();
            Suite.json(suite.get("auditor", "/api/v1/boards/colours")).path("cells")
                    .forEach(c -> now.merge(c.path("colour").asText(), c.path("persons").asInt(), Integer::sum));
            return now.equals(expectedTotals);
        });
        String day = busiestDay(demo.slice);
        long crossingsThatDay = crossings(demo.slice).filter(l -> day(l).equals(day)).count();
        // every crossing of the day is on the board (in, out or denied) once the crossing-traces projection caught up
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            int all = 0;
            for (JsonNode c : Suite.json(suite.get("auditor", "/api/v1/boards/checkpoints?date=" + day)).path("checkpoints")) {
                all += c.path("in").asInt() + c.path("out").asInt() + c.path("denied").asInt();
            }
            assertThat(all).as("crossings on the board for " + day).isEqualTo(crossingsThatDay);
        });
        browser.get(suite.gateway.url() + "/board/index.html#key=" + suite.keys.get("auditor") + "&date=" + day
                + "&reason=e2e%20board%20check");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        wait.until(b -> "true".equals(b.findElement(By.tagName("body")).getAttribute("data-loaded")));
        screenshot("board");
        assertThat(browser.getCurrentUrl()).as("the key leaves the address bar").doesNotContain("key=");
        assertThat(browser.findElement(By.id("status")).getText()).startsWith("updated");

        JsonNode colours = Suite.json(suite.get("auditor", "/api/v1/boards/colours"));
        Map<String, Integer> totals = new HashMap<>();
        Set<String> compounds = new HashSet<>();
        colours.path("cells").forEach(c -> {
            totals.merge(c.path("colour").asText(), c.path("persons").asInt(), Integer::sum);
            compounds.add(c.path("compound").asText());
        });
        int persons = (int) demo.slice.lines.stream().filter(l -> l.path().equals("/api/v1/persons")).count();
        assertThat(totals.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(persons);
        for (String colour : List.of("RED", "YELLOW", "BLUE", "GREEN")) {
            assertThat(browser.findElement(By.cssSelector("#colour-totals [data-colour='" + colour + "']")).getText())
                    .as(colour).isEqualTo(String.valueOf(totals.getOrDefault(colour, 0)));
        }
        assertThat(totals).containsKeys("RED", "BLUE", "GREEN"); // the slice's two yellow contacts live past household 40
        assertThat(browser.findElements(By.cssSelector("#colours tbody tr"))).hasSize(compounds.size());
        assertThat(browser.findElement(By.cssSelector("#colours tbody tr td")).getText()).as("names, not ids")
                .isNotBlank().doesNotStartWith("compound-");

        JsonNode gates = Suite.json(suite.get("auditor", "/api/v1/boards/checkpoints?date=" + day));
        assertThat(browser.findElements(By.cssSelector("#checkpoints tbody tr"))).hasSize(gates.path("checkpoints").size());
        int in = 0;
        int denied = 0;
        for (JsonNode c : gates.path("checkpoints")) {
            in += c.path("in").asInt();
            denied += c.path("denied").asInt();
        }
        assertThat(in).isPositive();
        assertThat(browser.findElement(By.cssSelector("#checkpoints .summary")).getText())
                .contains("进 in " + in).contains("拒 denied " + denied);

        JsonNode quarantine = Suite.json(suite.get("auditor", "/api/v1/boards/quarantine"));
        List<WebElement> roster = browser.findElements(By.cssSelector("#quarantine tbody tr"));
        assertThat(roster).hasSize(quarantine.path("active").asInt()).isNotEmpty();
        assertThat(roster.get(0).findElement(By.cssSelector("td.day")).getText()).matches("第 \\d+/14 天.*");

        JsonNode volunteers = Suite.json(suite.get("auditor", "/api/v1/boards/volunteers"));
        assertThat(browser.findElements(By.cssSelector("#coverage tbody tr")))
                .hasSize(volunteers.path("coverage").path("gaps").size());

        WebElement person = roster.get(0).findElement(By.cssSelector("a[data-trail]"));
        person.click();
        wait.until(b -> !b.findElements(By.cssSelector("#trail .timeline li")).isEmpty());
        screenshot("trail");
        assertThat(browser.findElements(By.cssSelector("#trail .timeline li"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.findElement(By.cssSelector("#trail .timeline")).getText())
                .contains("PersonRegistered").contains("QuarantineStarted");
    }

    static void screenshot(String name) throws Exception {
        Path target = DemoSuite.root().resolve("infra/e2e/target/board-" + name + ".png");
        Files.createDirectories(target.getParent());
        Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
