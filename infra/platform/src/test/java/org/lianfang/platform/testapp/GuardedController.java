package org.lianfang.platform.testapp;

import java.util.Map;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints that exercise {@link Allowed} and jurisdiction checks. */
@RestController
@RequestMapping("/api/v1/guarded")
@Allowed({Role.OPERATOR, Role.AUDITOR})
class GuardedController {

    static volatile int writes;

    @GetMapping("/{community}/{compound}")
    Map<String, String> read(@PathVariable String community, @PathVariable String compound) {
        Caller caller = Caller.current().orElseThrow();
        caller.requireCovers(community, compound);
        return Map.of("subject", caller.subject(), "role", caller.role().lowerCase());
    }

    @PostMapping("/medical")
    @Allowed(Role.MEDIC)
    Map<String, Integer> medical() {
        return Map.of("writes", ++writes);
    }
}
