package org.lianfang.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lianfang.seeds.SeedFiles;
import org.lianfang.seeds.SeedRequest;

/**
 * A smaller copy of the demo community ({@code seeds/data}), cut from the same lines so it cannot
 * drift from them: every compound and checkpoint, the 21 households back from Hubei and the next
 * 19 from elsewhere with their calls, colours, cases (two readings each; the feverish person's
 * whole fortnight), crossings, passes, two supply requests and a few shop orders, the nine teams
 * with two members each, and today's shifts. A line is kept only if every line it refers to is.
 */
final class DemoSlice {

    static final int HOUSEHOLDS = 40;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{((?:\\$\\{[^{}]*}|[^{}])*)}");
    private static final Pattern REFERENCE = Pattern.compile("([^:]+):(/.*)");
    private static final Pattern HOUSEHOLD = Pattern.compile("anguo-v\\d+-household-(\\d{3})(-.*)?");
    private static final Pattern READING = Pattern.compile("(anguo-v\\d+-person-\\d{4})-t(\\d{2})(am|pm)");
    private static final Pattern TEAM_MEMBER = Pattern.compile("(anguo-v\\d+-team-.+?)-volunteer-\\d{3}");
    private static final String VOLUNTEER = "anguo-v\\d+-volunteer-\\d{3}";
    private static final int SUPPLY_REQUESTS = 2;
    private static final int SHOP_ORDERS = 6;

    final List<SeedRequest> lines;
    final Set<String> keys;

    private DemoSlice(List<SeedRequest> lines) {
        this.lines = lines;
        this.keys = new HashSet<>();
        lines.forEach(l -> keys.add(l.key()));
    }

    static DemoSlice of(Path data) throws IOException, SeedFiles.InvalidSeedData {
        return cut(SeedFiles.read(data));
    }

    static DemoSlice cut(List<SeedRequest> all) {
        Set<String> keptPersons = new HashSet<>();
        for (SeedRequest line : all) {
            Matcher h = HOUSEHOLD.matcher(line.key());
            if (h.matches() && Integer.parseInt(h.group(1)) <= HOUSEHOLDS && line.key().contains("-member-")) {
                keptPersons.addAll(references(line).stream().filter(k -> k.contains("-person-")).toList());
            }
        }
        String feverish = all.stream().filter(l -> l.key().endsWith("-symptoms")).map(l -> l.key().replace("-symptoms", ""))
                .findFirst().orElseThrow();
        Set<String> kept = new HashSet<>();
        Set<String> volunteersWanted = new HashSet<>();
        Map<String, Integer> membersPerTeam = new HashMap<>();
        int supplies = 0;
        int orders = 0;
        for (SeedRequest line : all) {
            String phase = line.file().substring(0, 3);
            String key = line.key();
            boolean keep = switch (phase) {
                case "010", "080", "090" -> true;
                case "020" -> {
                    Matcher h = HOUSEHOLD.matcher(key);
                    yield h.matches() ? Integer.parseInt(h.group(1)) <= HOUSEHOLDS : keptPersons.contains(key);
                }
                case "040" -> {
                    Matcher r = READING.matcher(key);
                    yield !r.matches() || r.group(1).equals(feverish) || r.group(2).equals("01");
                }
                case "050" -> {
                    Matcher m = TEAM_MEMBER.matcher(key);
                    if (m.matches()) {
                        yield membersPerTeam.merge(m.group(1), 1, Integer::sum) <= 2;
                    }
                    yield key.contains("-team-");
                }
                case "060" -> {
                    if (key.matches(".*-supply-\\d")) {
                        yield allKept(line, kept, true) && ++supplies <= SUPPLY_REQUESTS;
                    }
                    if (key.matches(".*-order-\\d{3}")) {
                        yield allKept(line, kept, true) && ++orders <= SHOP_ORDERS;
                    }
                    yield true;
                }
                case "070" -> false;
                default -> true;
            };
            if (keep && allKept(line, kept, true)) {
                kept.add(key);
                references(line).stream().filter(k -> k.contains("-volunteer-")).forEach(volunteersWanted::add);
            }
        }
        // volunteers are kept when a kept line names them; then every other line needs all it refers to
        Set<String> sliced = new HashSet<>();
        List<SeedRequest> result = new ArrayList<>();
        for (SeedRequest line : all) {
            boolean volunteer = line.key().matches(VOLUNTEER);
            boolean wanted = volunteer ? volunteersWanted.contains(line.key()) : kept.contains(line.key());
            if (wanted && allKept(line, sliced, false)) {
                sliced.add(line.key());
                result.add(line);
            }
        }
        return new DemoSlice(List.copyOf(result));
    }

    private static boolean allKept(SeedRequest line, Set<String> kept, boolean volunteersLater) {
        return references(line).stream().allMatch(k -> kept.contains(k) || volunteersLater && k.matches(VOLUNTEER));
    }

    /** The keys of the lines this line refers to (time placeholders excepted). */
    static List<String> references(SeedRequest line) {
        List<String> keys = new ArrayList<>();
        String text = line.path() + " " + (line.body() == null ? "" : line.body().toString());
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            Matcher r = REFERENCE.matcher(m.group(1));
            if (r.matches() && !m.group(1).startsWith("today")) {
                keys.add(r.group(1));
            }
        }
        return keys;
    }
}
