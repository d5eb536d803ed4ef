package org.lianfang.registry.person.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Role;
import org.lianfang.registry.person.colour.ColourRule;
import org.lianfang.registry.person.colour.ColourRuleParameters;
import org.lianfang.registry.person.colour.RiskColourPolicy;
import org.lianfang.registry.person.query.ColourWhatIf;
import org.lianfang.registry.security.Jurisdiction;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The colour rules in force, and "what would change under these parameters?": a dry run over the
 * stored persons that lists whose colour would differ and why, and changes nothing.
 */
@RestController
@RequestMapping(path = "/api/v1/colour-rules", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed({Role.ADMIN, Role.OPERATOR, Role.AUDITOR, Role.COUNTY})
class ColourRulesController {

    private final RiskColourPolicy policy;
    private final ColourWhatIf whatIf;

    ColourRulesController(RiskColourPolicy policy, ColourWhatIf whatIf) {
        this.policy = policy;
        this.whatIf = whatIf;
    }

    /** One rule, in the order the policy tries them; {@code colour} is null for the manual override. */
    record Rule(int order, String name, RiskColour colour) {
    }

    /** The rules in force. */
    record Rules(ColourRuleParameters parameters, List<Rule> rules) {
    }

    /**
     * {@code POST /colour-rules/what-if}: parameters left out keep their current value; the version
     * names the candidate rules. Pages through the persons {@code limit} at a time.
     */
    record WhatIf(@Pattern(regexp = "[A-Za-z0-9._-]{1,20}") String version, Duration reportDeadline,
            @Min(1) @Max(20) Integer unreachableAttempts, @Size(max = 50) String compound,
            @Size(max = 100) String cursor, @Min(1) @Max(500) Integer limit) {
    }

    @GetMapping
    Rules rules() {
        return new Rules(policy.parameters(), Arrays.stream(ColourRule.values())
                .map(rule -> new Rule(rule.ordinal() + 1, rule.name(), rule.colour())).toList());
    }

    @PostMapping(path = "/what-if", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.ADMIN)
    ColourWhatIf.Result whatIf(@Valid @RequestBody WhatIf request) {
        ColourRuleParameters current = policy.parameters();
        Duration deadline = request.reportDeadline() == null ? current.reportDeadline() : request.reportDeadline();
        if (deadline.compareTo(Duration.ofHours(1)) < 0 || deadline.compareTo(Duration.ofDays(30)) > 0) {
            throw InvalidRequestException.of("reportDeadline", "must be between PT1H and P30D");
        }
        ColourRuleParameters candidate = new ColourRuleParameters(deadline,
                request.unreachableAttempts() == null ? current.unreachableAttempts() : request.unreachableAttempts(),
                current.zone(), request.version() == null ? current.version() + "-what-if" : request.version());
        return whatIf.run(candidate, Jurisdiction.listedCommunity(), request.compound(), request.cursor(),
                request.limit() == null ? 200 : request.limit());
    }
}
