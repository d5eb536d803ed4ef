package org.lianfang.volunteer.team.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.lianfang.contracts.volunteer.TeamKind;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Role;
import org.lianfang.volunteer.support.web.Jurisdiction;
import org.lianfang.volunteer.support.web.Page;
import org.lianfang.volunteer.support.web.Requests;
import org.lianfang.volunteer.team.command.TeamCommands;
import org.lianfang.volunteer.volunteer.query.DirectoryQueries;
import org.lianfang.volunteer.volunteer.query.TeamView;
import org.lianfang.volunteer.volunteer.query.VolunteerView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Teams (shock teams, the Lei Feng company, the property team): forming, joining, leaving, reading. */
@RestController
@RequestMapping(path = "/api/v1/teams", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY})
class TeamController {

    static final String PREFIX = "team-";

    private final CommandGateway commands;
    private final DirectoryQueries queries;

    TeamController(CommandGateway commands, DirectoryQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** {@code POST /teams}. */
    record Form(@NotBlank @Size(max = 60) String name, @NotNull TeamKind kind,
                @NotBlank @Size(max = 64) String leaderId) {
    }

    /** {@code POST /teams/{id}/members}. */
    record Join(@NotBlank @Size(max = 64) String volunteerId) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.OPERATOR)
    ResponseEntity<TeamView> form(@Valid @RequestBody Form request) {
        String community = Requests.writingCommunity();
        VolunteerView leader = volunteerOf(community, request.leaderId(), "leaderId");
        String id = PREFIX + UUID.randomUUID();
        Requests.send(commands, new TeamCommands.Form(id, community, request.name().strip(), request.kind(),
                VolunteerId.of(leader.id()), Requests.actor()));
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/teams/" + id)).body(get(id));
    }

    @PostMapping(path = "/{id}/members", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.OPERATOR)
    TeamView join(@PathVariable String id, @Valid @RequestBody Join request) {
        TeamView team = get(id);
        VolunteerView volunteer = volunteerOf(team.communityId(), request.volunteerId(), "volunteerId");
        Requests.send(commands, new TeamCommands.Join(id, VolunteerId.of(volunteer.id()), Requests.actor()));
        return get(id);
    }

    @DeleteMapping("/{id}/members/{volunteerId}")
    @Allowed(Role.OPERATOR)
    TeamView leave(@PathVariable String id, @PathVariable String volunteerId) {
        get(id);
        Requests.send(commands, new TeamCommands.Leave(id, VolunteerId.of(volunteerId), Requests.actor()));
        return get(id);
    }

    @GetMapping
    Page<TeamView> list(@RequestParam(required = false) @Size(max = 128) String communityId,
                        @RequestParam(required = false) @Size(max = 100) String cursor,
                        @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        String community = Jurisdiction.readingCommunity(communityId);
        return Page.of(queries.teamIds(community), cursor, limit, queries::teams);
    }

    @GetMapping("/{id}")
    TeamView get(@PathVariable String id) {
        if (!id.startsWith(PREFIX)) {
            throw ResourceNotFoundException.of("team", id);
        }
        TeamView team = queries.team(id).orElseThrow(() -> ResourceNotFoundException.of("team", id));
        Requests.caller().requireCovers(team.communityId());
        return team;
    }

    private VolunteerView volunteerOf(String community, String volunteerId, String field) {
        return queries.volunteer(volunteerId.strip())
                .filter(v -> v.communityId().equals(community))
                .orElseThrow(() -> InvalidRequestException.of(field, "is not a volunteer of this community"));
    }
}
