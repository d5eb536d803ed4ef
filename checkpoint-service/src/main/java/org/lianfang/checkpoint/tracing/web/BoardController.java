package org.lianfang.checkpoint.tracing.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lianfang.checkpoint.checkpoints.query.CheckpointDirectory;
import org.lianfang.checkpoint.checkpoints.query.CheckpointIndex;
import org.lianfang.checkpoint.checkpoints.query.CheckpointView;
import org.lianfang.checkpoint.pass.query.PassIndex;
import org.lianfang.checkpoint.pass.query.PassQueries;
import org.lianfang.checkpoint.pass.query.PassView;
import org.lianfang.checkpoint.tracing.query.CheckpointBoard;
import org.lianfang.checkpoint.web.Jurisdiction;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /boards/checkpoints?date=}: for one UTC day, in/out per checkpoint per hour, denials by
 * rule and fevers, and the passes in use (valid now, and exits spent that day) per compound.
 */
@RestController
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY, Role.ADMIN})
class BoardController {

    private final CheckpointIndex index;
    private final CheckpointDirectory directory;
    private final CheckpointBoard board;
    private final PassIndex passIndex;
    private final PassQueries passes;
    private final Clock clock;

    BoardController(CheckpointIndex index, CheckpointDirectory directory, CheckpointBoard board, PassIndex passIndex,
                    PassQueries passes, Clock clock) {
        this.index = index;
        this.directory = directory;
        this.board = board;
        this.passIndex = passIndex;
        this.passes = passes;
        this.clock = clock;
    }

    /** One checkpoint's line on the board. */
    record CheckpointLine(String checkpointId, String name, boolean open, String compoundId, int in, int out,
                          int denied, int fevers, Map<String, Integer> deniedByRule, List<CheckpointBoard.Hour> hours) {
    }

    /** Passes of one compound: valid now, and exits spent on the board's day. */
    record PassLine(int validNow, int exitsOnDate) {
    }

    record Board(LocalDate date, Instant generatedAt, List<CheckpointLine> checkpoints,
                 Map<String, PassLine> passesByCompound) {
    }

    @GetMapping(path = "/api/v1/boards/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    Board checkpoints(@RequestParam(required = false) LocalDate date) {
        Caller caller = Jurisdiction.caller();
        String community = Jurisdiction.readCommunity();
        Instant now = clock.instant();
        LocalDate day = date != null ? date : now.atZone(ZoneOffset.UTC).toLocalDate();
        List<CheckpointLine> lines = index.idsOf(community).stream().map(directory::find).flatMap(Optional::stream)
                .filter(c -> caller.covers(c.communityId(), c.compoundId()))
                .map(c -> line(c, board.day(c.id(), day))).toList();
        Map<String, PassLine> byCompound = new TreeMap<>();
        for (PassView pass : passIndex.ofCommunity(community).stream().map(passes::find).flatMap(Optional::stream)
                .filter(p -> caller.covers(p.communityId(), p.compoundId())).toList()) {
            long exits = pass.exits().stream()
                    .filter(e -> e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate().equals(day)).count();
            byCompound.merge(pass.compoundId(), new PassLine(pass.validAt(now) ? 1 : 0, (int) exits),
                    (a, b) -> new PassLine(a.validNow() + b.validNow(), a.exitsOnDate() + b.exitsOnDate()));
        }
        return new Board(day, now, lines, byCompound);
    }

    private static CheckpointLine line(CheckpointView c, CheckpointBoard.Row row) {
        return new CheckpointLine(c.id(), c.name(), c.open(), c.compoundId(), row.in(), row.out(), row.denied(),
                row.fevers(), row.deniedByRule(), row.hours());
    }
}
