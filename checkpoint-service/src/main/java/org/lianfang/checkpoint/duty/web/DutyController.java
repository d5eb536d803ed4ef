package org.lianfang.checkpoint.duty.web;

import java.time.Instant;
import java.util.List;
import org.lianfang.checkpoint.checkpoints.query.CheckpointDirectory;
import org.lianfang.checkpoint.duty.query.DutyRoster;
import org.lianfang.checkpoint.web.Jurisdiction;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Role;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /checkpoints/{id}/on-duty?at=}: the volunteers on duty there at that moment (for tracing). */
@RestController
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY, Role.ADMIN})
class DutyController {

    private final CheckpointDirectory checkpoints;
    private final DutyRoster roster;

    DutyController(CheckpointDirectory checkpoints, DutyRoster roster) {
        this.checkpoints = checkpoints;
        this.roster = roster;
    }

    record OnDuty(String checkpointId, Instant at, List<DutyRoster.Duty> items) {
    }

    @GetMapping(path = "/api/v1/checkpoints/{id}/on-duty", produces = MediaType.APPLICATION_JSON_VALUE)
    OnDuty onDuty(@PathVariable String id, @RequestParam Instant at) {
        Jurisdiction.checkpoint(checkpoints, id);
        return new OnDuty(id, at, roster.onDuty(id, at));
    }
}
