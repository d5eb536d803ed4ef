package org.lianfang.registry.compound.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.lianfang.contracts.registry.AssignGridRoleCommand;
import org.lianfang.contracts.registry.GridRole;
import org.lianfang.contracts.registry.RegisterCompoundCommand;
import org.lianfang.contracts.registry.RemoveGridRoleCommand;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.request.RequestMetadata;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Role;
import org.lianfang.registry.security.Jurisdiction;
import org.lianfang.registry.compound.query.CompoundQueries;
import org.lianfang.registry.compound.query.CompoundView;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Compounds (小区) and their grids' 一长三员. Compound ids start with {@code compound-}, so an id
 * meant for a person can never reach a compound, and the other way round.
 */
@RestController
@RequestMapping(path = "/api/v1/compounds", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed({Role.OPERATOR, Role.ADMIN})
class CompoundController {

    static final String PREFIX = "compound-";

    private final CommandGateway commands;
    private final CompoundQueries queries;
    private final Clock clock = Clock.systemUTC();

    CompoundController(CommandGateway commands, CompoundQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** {@code POST /compounds}. */
    record RegisterCompound(@NotBlank @Size(max = 50) String name, @NotBlank @Size(max = 50) String community) {
    }

    /** {@code POST /compounds/{id}/grid-roles}. */
    record AssignGridRole(@NotNull GridRole role, @NotBlank @Size(max = 50) String staffMember) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CompoundView> register(@Valid @RequestBody RegisterCompound request) {
        Jurisdiction.writeCommunity();
        String id = PREFIX + UUID.randomUUID();
        commands.sendAndWait(new RegisterCompoundCommand(id, request.name(), request.community(), actor(),
                clock.instant()));
        return ResponseEntity.created(URI.create("/api/v1/compounds/" + id)).body(queries.find(id).orElseThrow());
    }

    @PostMapping(path = "/{id}/grid-roles", consumes = MediaType.APPLICATION_JSON_VALUE)
    CompoundView assign(@PathVariable String id, @Valid @RequestBody AssignGridRole request) {
        known(id);
        commands.sendAndWait(new AssignGridRoleCommand(id, request.role(), request.staffMember(), actor(),
                clock.instant()));
        return get(id);
    }

    @DeleteMapping("/{id}/grid-roles/{role}")
    CompoundView remove(@PathVariable String id, @PathVariable GridRole role) {
        known(id);
        commands.sendAndWait(new RemoveGridRoleCommand(id, role, actor(), clock.instant()));
        return get(id);
    }

    @GetMapping("/{id}")
    @Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY, Role.ADMIN})
    CompoundView get(@PathVariable String id) {
        return known(id);
    }

    private CompoundView known(String id) {
        if (!id.startsWith(PREFIX)) {
            throw ResourceNotFoundException.of("compound", id);
        }
        CompoundView compound = queries.find(id).orElseThrow(() -> ResourceNotFoundException.of("compound", id));
        Jurisdiction.requireCovers(compound.communityId(), compound.id());
        return compound;
    }

    private static String actor() {
        return RequestMetadata.current().map(RequestMetadata::actor).orElse(RequestMetadata.ANONYMOUS);
    }
}
