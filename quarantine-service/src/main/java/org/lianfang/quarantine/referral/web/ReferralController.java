package org.lianfang.quarantine.referral.web;

import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
import org.lianfang.quarantine.referral.outbox.ReferralOutbox;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A fever-clinic referral's delivery as the outbox sees it: attempts, the next try, the last error.
 * The case timeline shows the status; this is where to look when a referral keeps waiting.
 */
@RestController
@RequestMapping(path = "/api/v1/referrals", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY})
class ReferralController {

    private final ReferralOutbox outbox;

    ReferralController(ReferralOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/{id}")
    ReferralOutbox.Entry get(@PathVariable String id) {
        ReferralOutbox.Entry entry = outbox.find(id)
                .orElseThrow(() -> ResourceNotFoundException.of("referral", id));
        Caller.current().orElseThrow().requireCovers(entry.communityId(), entry.compoundId());
        return entry;
    }
}
