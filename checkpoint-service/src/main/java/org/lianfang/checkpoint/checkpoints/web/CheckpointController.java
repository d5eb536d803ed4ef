package org.lianfang.checkpoint.checkpoints.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.lianfang.checkpoint.checkpoints.query.CheckpointDirectory;
import org.lianfang.checkpoint.checkpoints.query.CheckpointIndex;
import org.lianfang.checkpoint.checkpoints.query.CheckpointView;
import org.lianfang.checkpoint.web.Jurisdiction;
import org.lianfang.contracts.checkpoint.ChangeExitPassRequirementCommand;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.checkpoint.CheckpointKind;
import org.lianfang.contracts.checkpoint.CloseCheckpointCommand;
import org.lianfang.contracts.checkpoint.OpenCheckpointCommand;
import org.lianfang.contracts.checkpoint.RegisterCheckpointCommand;
import org.lianfang.platform.problem.ForbiddenException;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checkpoints (设卡防控): register, open, close, and start or lift closed management at a gate.
 * Operators and admins write; every reader role reads within its jurisdiction.
 */
@RestController
@RequestMapping(path = "/api/v1/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY, Role.ADMIN})
class CheckpointController {

    static final String PREFIX = Jurisdiction.CHECKPOINT_PREFIX;

    private final CommandGateway commands;
    private final CheckpointDirectory directory;
    private final CheckpointIndex index;
    private final Clock clock;

    CheckpointController(CommandGateway commands, CheckpointDirectory directory, CheckpointIndex index, Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.index = index;
        this.clock = clock;
    }

    /** {@code POST /checkpoints}. */
    record Register(@NotBlank @Size(max = 100) String name, @NotNull CheckpointKind kind,
                    @Size(max = 200) String location, @Size(max = 64) String compoundId,
                    Boolean passRequiredToGoOut) {
    }

    /** {@code POST /checkpoints/{id}/close}. */
    record Close(@NotBlank @Size(max = 200) String reason) {
    }

    /** {@code PUT /checkpoints/{id}/exit-pass-requirement}. */
    record PassRequirement(@NotNull Boolean passRequired) {
    }

    /** A list of checkpoints. */
    record Items(List<CheckpointView> items) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed({Role.OPERATOR, Role.ADMIN})
    ResponseEntity<CheckpointView> register(@Valid @RequestBody Register request) {
        String community = Jurisdiction.writeCommunity();
        if (request.kind() == CheckpointKind.COMPOUND_GATE && blank(request.compoundId())) {
            throw InvalidRequestException.of("compoundId", "is required for a compound gate");
        }
        boolean passRequired = Boolean.TRUE.equals(request.passRequiredToGoOut());
        if (passRequired && blank(request.compoundId())) {
            throw InvalidRequestException.of("passRequiredToGoOut", "needs the compound the checkpoint guards");
        }
        String compound = blank(request.compoundId()) ? null : request.compoundId().strip();
        if (!Jurisdiction.caller().covers(community, compound)) {
            throw new ForbiddenException("The caller may not set up checkpoints for compound " + compound + ".");
        }
        String id = PREFIX + UUID.randomUUID();
        commands.sendAndWait(new RegisterCheckpointCommand(CheckpointId.of(id), community, request.name(),
                request.kind(), request.location(), compound, passRequired, Jurisdiction.actor(), clock.instant()));
        return ResponseEntity.created(URI.create("/api/v1/checkpoints/" + id)).body(current(id));
    }

    @PostMapping("/{id}/open")
    @Allowed({Role.OPERATOR, Role.ADMIN})
    CheckpointView open(@PathVariable String id) {
        covered(id);
        commands.sendAndWait(new OpenCheckpointCommand(CheckpointId.of(id), Jurisdiction.actor(), clock.instant()));
        return current(id);
    }

    @PostMapping(path = "/{id}/close", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed({Role.OPERATOR, Role.ADMIN})
    CheckpointView close(@PathVariable String id, @Valid @RequestBody Close request) {
        covered(id);
        commands.sendAndWait(new CloseCheckpointCommand(CheckpointId.of(id), request.reason().strip(),
                Jurisdiction.actor(), clock.instant()));
        return current(id);
    }

    @PutMapping(path = "/{id}/exit-pass-requirement", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed({Role.OPERATOR, Role.ADMIN})
    CheckpointView passRequirement(@PathVariable String id, @Valid @RequestBody PassRequirement request) {
        covered(id);
        commands.sendAndWait(new ChangeExitPassRequirementCommand(CheckpointId.of(id), request.passRequired(),
                Jurisdiction.actor(), clock.instant()));
        return current(id);
    }

    @GetMapping("/{id}")
    CheckpointView get(@PathVariable String id) {
        return covered(id);
    }

    /** The checkpoints of the caller's community (every community for county-wide callers). */
    @GetMapping
    Items list() {
        Caller caller = Jurisdiction.caller();
        return new Items(index.idsOf(Jurisdiction.readCommunity()).stream().map(directory::find)
                .flatMap(Optional::stream).filter(c -> caller.covers(c.communityId(), c.compoundId())).toList());
    }

    private CheckpointView covered(String id) {
        return Jurisdiction.checkpoint(directory, id);
    }

    private CheckpointView current(String id) {
        return directory.find(id).orElseThrow(() -> new IllegalStateException("checkpoint " + id + " vanished"));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
