package org.lianfang.seeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped demo community ({@code seeds/data}) is well formed and says what the story says:
 * these are the numbers the README promises, checked on the files themselves.
 */
class DemoDataTest {

    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{((?:\\$\\{[^{}]*}|[^{}])*)}");
    static final Pattern REFERENCE = Pattern.compile("([^:]+):(/.*)");
    static final Pattern TIME = Pattern.compile("today(?:[+-]\\d+d)?(?:@\\d{2}:\\d{2})?");

    static List<SeedRequest> lines;
    static Map<String, SeedRequest> byKey = new HashMap<>();

    @BeforeAll
    static void read() throws Exception {
        lines = SeedFiles.read(Path.of("data"));
        lines.forEach(l -> byKey.put(l.key(), l));
    }

    static List<SeedRequest> posts(String pathRegex) {
        return lines.stream().filter(l -> "POST".equals(l.method()) && l.path().matches(pathRegex)).toList();
    }

    static String refKey(String placeholder) {
        Matcher m = PLACEHOLDER.matcher(placeholder);
        assertThat(m.find()).as(placeholder).isTrue();
        Matcher r = REFERENCE.matcher(m.group(1));
        assertThat(r.matches()).as(placeholder).isTrue();
        return r.group(1);
    }

    @Test
    void everyLineIsValidWithAKnownRoleAndAUniqueHeaderSafeKey() {
        assertThat(lines).hasSizeGreaterThan(4000);
        assertThat(lines).allSatisfy(l -> {
            assertThat(SeedFiles.ROLES).contains(l.as());
            assertThat(l.key()).startsWith("anguo-v1-").matches("[\\x21-\\x7e]+");
        });
        assertThat(byKey).hasSize(lines.size());
    }

    @Test
    void everyPlaceholderNamesAnEarlierLineOrTheLoadersDay() {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            position.put(lines.get(i).key(), i);
        }
        for (int i = 0; i < lines.size(); i++) {
            SeedRequest line = lines.get(i);
            String text = line.key() + " " + line.path() + " " + (line.body() == null ? "" : line.body().toString());
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                String expression = m.group(1);
                if (TIME.matcher(expression).matches()) {
                    continue;
                }
                Matcher r = REFERENCE.matcher(expression);
                assertThat(r.matches()).as(line.where() + ": " + expression).isTrue();
                assertThat(position.get(r.group(1))).as(line.where() + " refers to " + r.group(1)).isNotNull().isLessThan(i);
            }
        }
    }

    @Test
    void thirteenCompoundsOfAnguoEachWithItsGridLeaderAndThreeOfficersFromTheTwentyNineOfTheFirstDay() {
        List<SeedRequest> compounds = posts("/api/v1/compounds");
        assertThat(compounds).hasSize(13).allSatisfy(c -> assertThat(c.body().path("community").asText()).isEqualTo("anguo"));
        Map<String, Set<String>> roles = new HashMap<>();
        for (SeedRequest role : posts("/api/v1/compounds/.*/grid-roles")) {
            roles.computeIfAbsent(refKey(role.path()), k -> new HashSet<>()).add(role.body().path("role").asText());
        }
        assertThat(roles).hasSize(13).allSatisfy((compound, held) -> assertThat(held)
                .containsExactlyInAnyOrder("GRID_LEADER", "RETURNEE_REGISTRAR", "TEMPERATURE_MEDIC", "SUPPLIES_BUYER"));
        Set<String> team = new HashSet<>();
        lines.stream().map(SeedRequest::body).filter(b -> b != null).forEach(b -> {
            for (String field : List.of("staffMember", "calledBy", "verifiedBy", "medic")) {
                if (b.hasNonNull(field)) {
                    team.add(b.get(field).asText());
                }
            }
        });
        assertThat(team).hasSize(29).allSatisfy(name -> assertThat(name).endsWith("（示例）"));
    }

    @Test
    void twoHundredThirtyFourHouseholdsFromOutsideTwentyOneFromHubeiEighteenWithTwentyFourPeopleFromWuhan() {
        Map<String, JsonNode> persons = new HashMap<>();
        posts("/api/v1/persons").forEach(p -> persons.put(p.key(), p.body()));
        Map<String, Set<String>> origins = new HashMap<>();
        for (SeedRequest member : posts("/api/v1/households/.*/members")) {
            String person = refKey(member.body().path("personId").asText());
            origins.computeIfAbsent(refKey(member.path()), k -> new HashSet<>()).add(persons.get(person).path("origin").asText());
        }
        assertThat(posts("/api/v1/households")).hasSize(234);
        assertThat(origins).hasSize(234);
        assertThat(origins.values().stream().filter(o -> o.contains("WUHAN") || o.contains("HUBEI_OTHER")).count()).isEqualTo(21);
        assertThat(origins.values().stream().filter(o -> o.contains("WUHAN")).count()).isEqualTo(18);
        assertThat(persons.values().stream().filter(p -> p.path("origin").asText().equals("WUHAN")).count()).isEqualTo(24);
        assertThat(persons.values()).allSatisfy(p -> assertThat(p.path("origin").asText()).isNotEqualTo("LOCAL"));
    }

    @Test
    void personsAreClearlyFakeWithValidUniqueIdNumbersAndArriveFromTheFirstDay() {
        List<JsonNode> persons = posts("/api/v1/persons").stream().map(SeedRequest::body).toList();
        assertThat(persons).allSatisfy(p -> {
            assertThat(p.path("name").asText()).endsWith("（示例）");
            String id = p.path("residentIdNumber").asText();
            assertThat(id).startsWith("411324").matches("\\d{17}[\\dX]");
            assertThat(id.charAt(17)).as(id).isEqualTo(checkCharacter(id.substring(0, 17)));
            assertThat(id.substring(14, 15)).isEqualTo("9");
            assertThat(LocalDate.parse(p.path("arrivalDate").asText())).isAfterOrEqualTo(LocalDate.of(2020, 1, 22));
            assertThat(p.path("phone").asText()).matches("1990000\\d{4}");
        });
        assertThat(persons.stream().map(p -> p.path("residentIdNumber").asText()).distinct().count()).isEqualTo(persons.size());
    }

    /** GB 11643-1999 check character. */
    static char checkCharacter(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    @Test
    void theExpectedColoursCoverAllFourAndEveryPerson() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(Path.of("data/expected-colours.json").toFile());
        Set<String> colours = StreamSupport.stream(expected.spliterator(), false).map(e -> e.path("colour").asText())
                .collect(Collectors.toSet());
        assertThat(colours).containsExactlyInAnyOrder("RED", "YELLOW", "BLUE", "GREEN");
        Set<String> keys = new HashSet<>();
        expected.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isEqualTo(posts("/api/v1/persons").stream().map(SeedRequest::key).collect(Collectors.toSet()));
        Set<String> rules = StreamSupport.stream(expected.spliterator(), false).map(e -> e.path("rule").asText())
                .collect(Collectors.toSet());
        assertThat(rules).contains("REFUSED", "UNREACHABLE", "NOT_REPORTED_IN_TIME", "REACHED_BEING_VERIFIED",
                "VERIFIED_IN_HOME_QUARANTINE", "DEPARTED", "NO_HUBEI_CONTACT");
    }

    @Test
    void quarantineReadingsAreTakenByMedicsTwiceADayForFourteenDaysWithOneFever() {
        List<SeedRequest> readings = posts("/api/v1/quarantines/.*/temperatures");
        assertThat(readings).allSatisfy(r -> assertThat(r.as()).isEqualTo("medic"));
        Map<String, Long> perCase = readings.stream().collect(Collectors.groupingBy(r -> refKey(r.path()), Collectors.counting()));
        assertThat(perCase).isNotEmpty().allSatisfy((c, n) -> {
            assertThat(n).isEqualTo(28L);
            assertThat(byKey.get(c).isWait()).isTrue();
        });
        assertThat(readings.stream().filter(r -> r.body().path("celsius").asDouble() >= 37.3).count()).isEqualTo(1);
    }

    @Test
    void eightShockTeamsTheLeiFengCompanyAndNearlyTwoHundredVolunteers() {
        List<SeedRequest> teams = posts("/api/v1/teams");
        assertThat(teams.stream().filter(t -> t.body().path("kind").asText().equals("SHOCK_TEAM")).count()).isEqualTo(8);
        assertThat(teams.stream().filter(t -> t.body().path("kind").asText().equals("LEI_FENG_COMPANY")).count()).isEqualTo(1);
        List<SeedRequest> volunteers = posts("/api/v1/volunteers");
        assertThat(volunteers).hasSizeBetween(190, 200);
        assertThat(volunteers.stream().map(v -> v.body().path("kind").asText()).collect(Collectors.toSet()))
                .contains("STUDENT", "VETERAN", "PARTY_MEMBER", "RESIDENT");
        assertThat(volunteers.stream().filter(v -> v.body().hasNonNull("pledgeLetter")).count()).isEqualTo(1);
    }

    @Test
    void moreThanThreeHundredOrdersMostOfThemDeliveredAndSomeFromQuarantinedHouseholds() {
        long orders = posts("/api/v1/deliveries").size();
        long supplies = posts("/api/v1/quarantines/.*/supply-requests").size();
        assertThat(orders + supplies).isGreaterThan(300);
        assertThat(supplies).isPositive();
        long droppedOff = posts("/api/v1/deliveries/.*/drop-off").size();
        assertThat(droppedOff).isGreaterThan((orders + supplies) * 3 / 4).isLessThan(orders + supplies);
        assertThat(posts("/api/v1/deliveries/.*/cancellation")).isNotEmpty();
    }

    @Test
    void disinfectionRoundsAreRecentThreeTimesADayAndKeyedByTheLoadersDay() {
        List<SeedRequest> rounds = posts("/api/v1/disinfections");
        assertThat(rounds).isNotEmpty().allSatisfy(r -> {
            assertThat(r.key()).endsWith("${today}");
            assertThat(r.body().path("performedAt").asText()).matches("\\$\\{today-[12]d@\\d{2}:\\d{2}}");
        });
        Predicate<SeedRequest> morning = r -> r.body().path("performedAt").asText().contains("@07:30");
        assertThat(rounds.stream().filter(morning).count() * 3).isEqualTo(rounds.size());
    }

    @Test
    void everyCaseWaitedForIsOneQuarantineServiceStartsByItself() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(Path.of("data/expected-colours.json").toFile());
        List<SeedRequest> waits = lines.stream().filter(SeedRequest::isWait)
                .filter(w -> w.path().startsWith("/api/v1/quarantines?personId=")).toList();
        assertThat(waits).hasSizeGreaterThan(20).allSatisfy(wait -> {
            String person = refKey(wait.path());
            String origin = byKey.get(person).body().path("origin").asText();
            // quarantine-service starts a case on registration from Wuhan/Hubei, or when a person turns blue
            assertThat(origin.equals("WUHAN") || origin.equals("HUBEI_OTHER")
                    || expected.path(person).path("colour").asText().equals("BLUE")).as(person).isTrue();
        });
    }

    @Test
    void theNorthGateAndThirteenCompoundGatesOpenWithThreeUnderClosedManagement() {
        List<SeedRequest> checkpoints = posts("/api/v1/checkpoints");
        assertThat(checkpoints).hasSize(14);
        assertThat(checkpoints).filteredOn(c -> c.body().path("kind").asText().equals("ROAD_JUNCTION")).singleElement()
                .satisfies(c -> assertThat(c.body().path("name").asText()).contains("安国路与建设路口"));
        assertThat(checkpoints.stream().filter(c -> c.body().path("passRequiredToGoOut").asBoolean()).count()).isEqualTo(3);
        assertThat(posts("/api/v1/checkpoints/.*/open")).hasSize(14);
    }

    @Test
    void crossingsOfTheFirstTwoWeeksNumberedByEachTabletWithTheRefusalsOfTheStory() {
        List<SeedRequest> crossings = lines.stream().filter(l -> l.file().startsWith("081-crossings")).toList();
        assertThat(crossings).hasSizeGreaterThan(300).allSatisfy(c -> {
            java.time.Instant at = java.time.Instant.parse(c.body().path("occurredAt").asText());
            assertThat(at).isBetween(java.time.Instant.parse("2020-01-24T16:00:00Z"), java.time.Instant.parse("2020-02-08T16:00:00Z"));
        });
        Map<String, List<Long>> sequences = crossings.stream().collect(Collectors.groupingBy(
                c -> c.body().path("tabletId").asText(), Collectors.mapping(c -> c.body().path("sequence").asLong(), Collectors.toList())));
        sequences.forEach((tablet, seq) -> assertThat(seq).as(tablet).isSorted().doesNotHaveDuplicates());
        assertThat(crossings.stream().filter(c -> c.body().path("temperatureCelsius").asDouble() >= 37.3).count()).isEqualTo(1);
        assertThat(crossings.stream().filter(c -> c.body().path("subject").asText().equals("VEHICLE"))).isNotEmpty()
                .allSatisfy(v -> assertThat(v.body().path("plate").asText()).startsWith("豫R"));
    }

    @Test
    void passesAndTheirExitsAreNewEachDayAndOneHouseholdTriesASecondExit() {
        List<SeedRequest> passes = posts("/api/v1/passes");
        assertThat(passes).isNotEmpty().allSatisfy(p -> {
            assertThat(p.key()).contains("${today}");
            assertThat(p.body().path("maxExits").asInt()).isEqualTo(1);
            assertThat(p.body().path("periodDays").asInt()).isEqualTo(2);
        });
        List<SeedRequest> exits = lines.stream().filter(l -> l.file().startsWith("082-passes") && l.body().has("passId")).toList();
        assertThat(exits).hasSize(passes.size() + 1)
                .allSatisfy(e -> assertThat(e.body().path("tabletId").asText()).contains("${today}"));
    }

    @Test
    void shiftsRunTodayAndEveryLineUsingAWindowedLineHasAWindowOfItsOwn() {
        List<SeedRequest> shifts = posts("/api/v1/shifts");
        assertThat(shifts).hasSize(12).allSatisfy(s -> assertThat(s.during()).isNotNull());
        for (SeedRequest line : lines) {
            Matcher m = PLACEHOLDER.matcher(line.path() + " " + line.body());
            while (m.find()) {
                Matcher r = REFERENCE.matcher(m.group(1));
                if (r.matches() && byKey.get(r.group(1)).during() != null) {
                    assertThat(line.during()).as(line.where()).isNotNull();
                }
            }
        }
        assertThat(posts("/api/v1/shifts/.*/check-ins")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.during().get(0)).isNotEqualTo("${today}"));
    }
}
