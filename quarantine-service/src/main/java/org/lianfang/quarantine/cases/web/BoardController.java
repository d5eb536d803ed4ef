package org.lianfang.quarantine.cases.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
import org.lianfang.quarantine.cases.command.QuarantinePolicies;
import org.lianfang.quarantine.cases.query.DueChecks;
import org.lianfang.quarantine.cases.query.QuarantineBoard;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the grid staff and the county look at: which cases need a reading now
 * ({@code /quarantines/due-checks}, per compound and per medic) and the quarantine board (active
 * cases, today's readings, misses, fevers, starts and ends, referrals not yet answered, cases ending
 * soon). Both show only the caller's community (and compounds, if the caller is limited to some);
 * county callers see every community.
 */
@RestController
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY})
class BoardController {

    private final DueChecks dueChecks;
    private final QuarantineBoard board;
    private final QuarantinePolicies policies;
    private final Clock clock;

    BoardController(DueChecks dueChecks, QuarantineBoard board, QuarantinePolicies policies, Clock clock) {
        this.dueChecks = dueChecks;
        this.board = board;
        this.policies = policies;
        this.clock = clock;
    }

    @GetMapping(path = "/api/v1/quarantines/due-checks", produces = MediaType.APPLICATION_JSON_VALUE)
    DueChecks.Result dueChecks(@RequestParam(required = false) String compoundId,
                               @RequestParam(required = false) String medic) {
        Caller caller = Caller.current().orElseThrow();
        return dueChecks.at(clock.instant(), due -> covers(caller, due.communityId(), due.compoundId())
                && (compoundId == null || compoundId.equals(due.compoundId()))
                && (medic == null || medic.equals(due.medic())));
    }

    /** The board. */
    record Board(String communityId, LocalDate date, Instant asOf, int active, Map<String, Integer> activeByCompound,
                 String window, int dueNow, int readingsToday, int missedToday, int feversToday, int startedToday,
                 int endedToday, int referralsPending, List<QuarantineBoard.ActiveCase> endingSoon) {
    }

    @GetMapping(path = "/api/v1/boards/quarantine", produces = MediaType.APPLICATION_JSON_VALUE)
    Board board(@RequestParam(required = false) LocalDate date,
                @RequestParam(defaultValue = "2") int endingWithinDays) {
        if (endingWithinDays < 0 || endingWithinDays > 30) {
            throw InvalidRequestException.of("endingWithinDays", "must be between 0 and 30");
        }
        Caller caller = Caller.current().orElseThrow();
        Instant now = clock.instant();
        LocalDate day = date != null ? date : now.atZone(policies.period().zone()).toLocalDate();
        String community = caller.communityId() == null ? "" : caller.communityId();
        QuarantineBoard.Snapshot snapshot = board.snapshot(community, day);
        List<QuarantineBoard.ActiveCase> active = snapshot.active().stream()
                .filter(c -> covers(caller, c.communityId(), c.compoundId())).toList();
        Map<String, Integer> byCompound = new TreeMap<>();
        active.forEach(c -> byCompound.merge(c.compoundId() == null ? DueChecks.NO_COMPOUND : c.compoundId(), 1,
                Integer::sum));
        Instant soon = now.plus(Duration.ofDays(endingWithinDays));
        List<QuarantineBoard.ActiveCase> endingSoon = active.stream().filter(c -> c.endsAt().isBefore(soon))
                .sorted(Comparator.comparing(QuarantineBoard.ActiveCase::endsAt)).toList();
        DueChecks.Result due = dueChecks.at(now, d -> covers(caller, d.communityId(), d.compoundId()));
        return new Board(caller.communityId(), day, now, active.size(), byCompound, due.window(), due.total(),
                snapshot.readings(), snapshot.missed(), snapshot.fevers(), snapshot.started(), snapshot.ended(),
                snapshot.referralsPending(), endingSoon);
    }

    private static boolean covers(Caller caller, String communityId, String compoundId) {
        return communityId == null ? Caller.ALL_COMMUNITIES.equals(caller.communityId())
                : caller.covers(communityId, compoundId);
    }
}
