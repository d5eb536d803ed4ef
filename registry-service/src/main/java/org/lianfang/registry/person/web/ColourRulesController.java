package org.lianfang.registry.person.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lianfang.contracts.registry.ApplyColourRulesCommand;
import org.lianfang.contracts.registry.ColourOwner;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.contracts.registry.RiskColourChanged;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Role;
import org.lianfang.registry.person.colour.ColourRule;
import org.lianfang.registry.person.colour.ColourRuleParameters;
import org.lianfang.registry.person.command.ColourRulesRollout;
import org.lianfang.registry.person.query.ColourRuleVersions;
import org.lianfang.registry.person.query.ColourWhatIf;
import org.lianfang.registry.person.query.PersonQueries;
import org.lianfang.registry.security.Jurisdiction;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The colour rules in force and their versions; "what would change under these parameters?" (a dry
 * run over the stored persons that lists whose colour would differ and why, and changes nothing);
 * and applying new parameters, which changes exactly those colours under the new version.
 */
@RestController
@RequestMapping(path = "/api/v1/colour-rules", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed({Role.ADMIN, Role.OPERATOR, Role.AUDITOR, Role.COUNTY})
class ColourRulesController {

    private final ColourRuleVersions versions;
    private final ColourWhatIf whatIf;
    private final ColourRulesRollout rollout;
    private final PersonQueries persons;
    private final Clock clock;

    ColourRulesController(ColourRuleVersions versions, ColourWhatIf whatIf, ColourRulesRollout rollout,
            PersonQueries persons, Clock clock) {
        this.versions = versions;
        this.whatIf = whatIf;
        this.rollout = rollout;
        this.persons = persons;
        this.clock = clock;
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

    /**
     * {@code POST /colour-rules/versions}: put new parameters in force under a new version name;
     * parameters left out keep their current value. The same version with the same parameters again
     * finishes an interrupted rollout (200) and lists the same changes.
     */
    record Apply(@NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,20}") String version, Duration reportDeadline,
            @Min(1) @Max(20) Integer unreachableAttempts, @NotBlank @Size(max = 500) String reason) {
    }

    /** One version of the parameters, as recorded. */
    record VersionView(ColourRuleParameters parameters, String previousVersion, String reason, String appliedBy,
            Instant appliedAt, String eventId, boolean inForce) {
    }

    /** A colour the applied version changed. */
    record Change(String personId, String compound, RiskColour from, RiskColour to, String rule, String reason,
            ColourOwner owner, Instant changedAt) {
    }

    /** What applying did: {@code changed} counts every person, {@code changes} lists those the caller covers. */
    record Applied(VersionView version, boolean newlyApplied, int examined, int changed, List<Change> changes) {
    }

    @GetMapping
    Rules rules() {
        return new Rules(versions.policy().parameters(), Arrays.stream(ColourRule.values())
                .map(rule -> new Rule(rule.ordinal() + 1, rule.name(), rule.colour())).toList());
    }

    @PostMapping(path = "/what-if", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.ADMIN)
    ColourWhatIf.Result whatIf(@Valid @RequestBody WhatIf request) {
        ColourRuleParameters current = versions.policy().parameters();
        ColourRuleParameters candidate = candidate(current, request.reportDeadline(), request.unreachableAttempts(),
                request.version() == null ? current.version() + "-what-if" : request.version());
        return whatIf.run(candidate, Jurisdiction.listedCommunity(), request.compound(), request.cursor(),
                request.limit() == null ? 200 : request.limit());
    }

    /** Every version, oldest first (the configured defaults first); the last is in force. */
    @GetMapping("/versions")
    List<VersionView> history() {
        List<ColourRuleVersions.Version> all = versions.history();
        return all.stream().map(v -> view(v, v == all.get(all.size() - 1))).toList();
    }

    @PostMapping(path = "/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.ADMIN)
    ResponseEntity<Applied> apply(@Valid @RequestBody Apply request) {
        ColourRuleParameters current = versions.policy().parameters();
        ColourRuleParameters wanted = candidate(current, request.reportDeadline(), request.unreachableAttempts(),
                request.version());
        Caller caller = Jurisdiction.caller();
        ColourRulesRollout.Result result = rollout.apply(new ApplyColourRulesCommand(ApplyColourRulesCommand.RULES_ID,
                wanted.version(), wanted.reportDeadline(), wanted.unreachableAttempts(), wanted.zone().getId(),
                request.reason().strip(), caller.subject(), clock.instant()));
        List<Change> changes = new ArrayList<>();
        for (RiskColourChanged changed : result.changes()) {
            persons.find(changed.personId().value())
                    .filter(p -> Jurisdiction.covers(p.communityId(), p.jurisdictionCompound()))
                    .ifPresent(p -> changes.add(new Change(p.id(), p.compound(), changed.from(), changed.to(),
                            changed.rule(), changed.reason(), changed.owner(), changed.changedAt())));
        }
        Applied applied = new Applied(view(result.version(), true), result.newlyApplied(), result.examined(),
                result.changes().size(), changes);
        return ResponseEntity.status(result.newlyApplied() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/colour-rules/versions"))
                .body(applied);
    }

    private static VersionView view(ColourRuleVersions.Version v, boolean inForce) {
        return new VersionView(v.parameters(), v.previousVersion(), v.reason(), v.appliedBy(), v.appliedAt(),
                v.eventId(), inForce);
    }

    private static ColourRuleParameters candidate(ColourRuleParameters current, Duration reportDeadline,
            Integer unreachableAttempts, String version) {
        Duration deadline = reportDeadline == null ? current.reportDeadline() : reportDeadline;
        if (deadline.compareTo(Duration.ofHours(1)) < 0 || deadline.compareTo(Duration.ofDays(30)) > 0) {
            throw InvalidRequestException.of("reportDeadline", "must be between PT1H and P30D");
        }
        return new ColourRuleParameters(deadline,
                unreachableAttempts == null ? current.unreachableAttempts() : unreachableAttempts,
                current.zone(), version);
    }
}
