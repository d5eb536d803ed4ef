package org.lianfang.quarantine.cases.query;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.lianfang.quarantine.cases.command.CheckSchedulePolicy;
import org.lianfang.quarantine.cases.command.CheckSchedules;
import org.lianfang.quarantine.cases.command.QuarantinePolicies;
import org.springframework.stereotype.Component;

/**
 * Which active cases still need a reading in the check window open now (or the next one to open,
 * between windows), grouped by compound and by medic. It reads the check schedules, one small
 * document per active case, which already hold the latest reading; "the medic" of a case is the
 * one who took its latest reading ({@code unassigned} before the first).
 */
@Component
public class DueChecks {

    /** The medic of a case nobody has read yet. */
    public static final String UNASSIGNED = "unassigned";
    /** The compound of a case started without one. */
    public static final String NO_COMPOUND = "unknown";

    private final CheckSchedules schedules;
    private final QuarantinePolicies policies;

    public DueChecks(CheckSchedules schedules, QuarantinePolicies policies) {
        this.schedules = schedules;
        this.policies = policies;
    }

    /** A case that needs a reading in the window. */
    public record Due(String caseId, String personId, String communityId, String compoundId, String medic,
                      Instant lastReadingAt) {
    }

    /** What is due in one window. */
    public record Result(String window, Instant opensAt, Instant closesAt, boolean open, int total,
                         Map<String, Integer> byCompound, Map<String, Integer> byMedic, List<Due> items) {
    }

    /** The due checks at {@code now} among cases {@code visible} lets through. */
    public Result at(Instant now, Predicate<Due> visible) {
        CheckSchedulePolicy.CheckWindow window = policies.checks().currentOrNext(now);
        List<Due> due = schedules.all().stream()
                .filter(s -> window.opensAt().isBefore(s.endsAt()))
                .filter(s -> s.lastReadingAt() == null || s.lastReadingAt().isBefore(window.opensAt())
                        || !s.lastReadingAt().isBefore(window.closesAt()))
                .map(s -> new Due(s.caseId(), s.personId(), s.communityId(),
                        s.compoundId() == null ? NO_COMPOUND : s.compoundId(),
                        s.lastMedic() == null ? UNASSIGNED : s.lastMedic(), s.lastReadingAt()))
                .filter(visible)
                .sorted(Comparator.comparing(Due::compoundId).thenComparing(Due::caseId))
                .toList();
        Map<String, Integer> byCompound = new TreeMap<>();
        Map<String, Integer> byMedic = new TreeMap<>();
        due.forEach(d -> {
            byCompound.merge(d.compoundId(), 1, Integer::sum);
            byMedic.merge(d.medic(), 1, Integer::sum);
        });
        return new Result(window.key(), window.opensAt(), window.closesAt(), !window.opensAt().isAfter(now),
                due.size(), byCompound, byMedic, due);
    }
}
