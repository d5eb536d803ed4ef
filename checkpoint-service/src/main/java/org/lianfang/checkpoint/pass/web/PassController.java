package org.lianfang.checkpoint.pass.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.lianfang.checkpoint.pass.query.PassIndex;
import org.lianfang.checkpoint.pass.query.PassQueries;
import org.lianfang.checkpoint.pass.query.PassView;
import org.lianfang.checkpoint.people.GatePeople;
import org.lianfang.checkpoint.web.Jurisdiction;
import org.lianfang.contracts.checkpoint.IssuePassCommand;
import org.lianfang.contracts.checkpoint.PassLimit;
import org.lianfang.contracts.checkpoint.RevokePassCommand;
import org.lianfang.platform.problem.FieldProblem;
import org.lianfang.platform.problem.ForbiddenException;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporary passes (临时通行证): issued and revoked by operators only (not medics), valid at every
 * gate of their compound, always with an expiry and a limit — residents misread passes as "it's over".
 */
@RestController
@Validated
@RequestMapping(path = "/api/v1/passes", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY, Role.ADMIN})
class PassController {

    static final String PREFIX = "pass-";
    /** The longest a pass may run; a longer need is a new pass, issued by someone who looked again. */
    static final Duration MAX_VALIDITY = Duration.ofDays(31);

    private final CommandGateway commands;
    private final PassQueries passes;
    private final PassIndex index;
    private final GatePeople people;
    private final Clock clock;

    PassController(CommandGateway commands, PassQueries passes, PassIndex index, GatePeople people, Clock clock) {
        this.commands = commands;
        this.passes = passes;
        this.index = index;
        this.people = people;
        this.clock = clock;
    }

    /** {@code POST /passes}: for a household (any member) or one person. */
    record Issue(@NotBlank @Size(max = 64) String compoundId, @Size(max = 64) String householdId,
                 @Size(max = 64) String personId, @NotNull Instant validFrom, @NotNull Instant validTo,
                 @NotNull @Min(1) @Max(10) Integer maxExits, @NotNull @Min(1) @Max(14) Integer periodDays,
                 @Size(max = 200) String note) {
    }

    /** {@code POST /passes/{id}/revocation}. */
    record Revoke(@NotBlank @Size(max = 200) String reason) {
    }

    /** A list of passes. */
    record Items(List<PassView> items) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.OPERATOR)
    ResponseEntity<PassView> issue(@Valid @RequestBody Issue request) {
        String community = Jurisdiction.writeCommunity();
        List<FieldProblem> problems = new ArrayList<>();
        if ((request.householdId() == null) == (request.personId() == null)) {
            problems.add(new FieldProblem("householdId", "give either householdId or personId"));
        }
        if (!request.validTo().isAfter(request.validFrom())) {
            problems.add(new FieldProblem("validTo", "must be after validFrom"));
        } else if (Duration.between(request.validFrom(), request.validTo()).compareTo(MAX_VALIDITY) > 0) {
            problems.add(new FieldProblem("validTo", "a pass may run at most " + MAX_VALIDITY.toDays() + " days"));
        }
        if (!request.validTo().isAfter(clock.instant())) {
            problems.add(new FieldProblem("validTo", "must be in the future"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        String compound = request.compoundId().strip();
        if (!Jurisdiction.caller().covers(community, compound)) {
            throw new ForbiddenException("The caller may not issue passes for compound " + compound + ".");
        }
        if (request.personId() != null) {
            GatePeople.Registered person = people.registered(request.personId().strip())
                    .orElseThrow(() -> ResourceNotFoundException.of("person", request.personId()));
            Jurisdiction.caller().requireCovers(person.communityId());
        }
        String id = PREFIX + UUID.randomUUID();
        commands.sendAndWait(new IssuePassCommand(id, community, compound, strip(request.householdId()),
                strip(request.personId()), request.validFrom(), request.validTo(),
                new PassLimit(request.maxExits(), request.periodDays()), request.note(), Jurisdiction.actor(),
                clock.instant()));
        return ResponseEntity.created(URI.create("/api/v1/passes/" + id)).body(current(id));
    }

    @PostMapping(path = "/{id}/revocation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.OPERATOR)
    PassView revoke(@PathVariable String id, @Valid @RequestBody Revoke request) {
        covered(id);
        commands.sendAndWait(new RevokePassCommand(id, request.reason().strip(), Jurisdiction.actor(),
                clock.instant()));
        return current(id);
    }

    @GetMapping("/{id}")
    PassView get(@PathVariable String id) {
        return covered(id);
    }

    /** The passes of a compound, or of the caller's community. */
    @GetMapping
    Items list(@RequestParam(required = false) @Size(max = 64) String compoundId) {
        Caller caller = Jurisdiction.caller();
        List<String> ids = compoundId != null ? index.ofCompound(compoundId)
                : index.ofCommunity(Jurisdiction.readCommunity());
        return new Items(ids.stream().map(passes::find).flatMap(Optional::stream)
                .filter(p -> caller.covers(p.communityId(), p.compoundId())).toList());
    }

    private PassView covered(String id) {
        PassView view = id.startsWith(PREFIX) ? passes.find(id).orElse(null) : null;
        if (view == null) {
            throw ResourceNotFoundException.of("pass", id);
        }
        Jurisdiction.caller().requireCovers(view.communityId(), view.compoundId());
        return view;
    }

    private PassView current(String id) {
        return passes.find(id).orElseThrow(() -> new IllegalStateException("pass " + id + " vanished"));
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
