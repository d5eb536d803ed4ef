package org.lianfang.volunteer.disinfection.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.lianfang.contracts.volunteer.DisinfectionArea;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Role;
import org.lianfang.volunteer.config.VolunteerSettings;
import org.lianfang.volunteer.disinfection.command.RecordDisinfectionCommand;
import org.lianfang.volunteer.disinfection.query.DisinfectionQueries;
import org.lianfang.volunteer.support.web.Jurisdiction;
import org.lianfang.volunteer.support.web.Requests;
import org.lianfang.volunteer.volunteer.query.DirectoryQueries;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Disinfection rounds (doors, floors, lifts, handles) and, per building and day, whether the daily rounds happened. */
@RestController
@RequestMapping(path = "/api/v1/disinfections", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY})
class DisinfectionController {

    private final CommandGateway commands;
    private final DisinfectionQueries queries;
    private final DirectoryQueries directory;
    private final VolunteerSettings settings;
    private final Clock clock;

    DisinfectionController(CommandGateway commands, DisinfectionQueries queries, DirectoryQueries directory,
                           VolunteerSettings settings, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code POST /disinfections}; {@code performedAt} defaults to now. */
    record Round(@NotBlank @Size(max = 64) String compoundId, @NotBlank @Size(max = 20) String building,
                 @NotEmpty @Size(max = 4) List<@NotNull DisinfectionArea> areas,
                 @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 64) String> volunteerIds,
                 Instant performedAt) {
    }

    /** What was recorded. */
    record Recorded(String roundId, String compoundId, String building, List<DisinfectionArea> areas,
                    List<String> volunteerIds, Instant performedAt) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.OPERATOR)
    ResponseEntity<Recorded> record(@Valid @RequestBody Round request) {
        String community = Requests.writingCommunity();
        String compound = request.compoundId().strip();
        Requests.caller().requireCovers(community, compound);
        List<String> volunteers = request.volunteerIds().stream().map(String::strip).distinct().toList();
        for (int i = 0; i < volunteers.size(); i++) {
            String id = volunteers.get(i);
            if (directory.volunteer(id).filter(v -> v.communityId().equals(community)).isEmpty()) {
                throw InvalidRequestException.of("volunteerIds[" + i + "]", "is not a volunteer of this community");
            }
        }
        String roundId = "round-" + UUID.randomUUID();
        Instant at = request.performedAt() == null ? clock.instant() : request.performedAt();
        List<DisinfectionArea> areas = request.areas().stream().distinct().toList();
        Requests.send(commands, new RecordDisinfectionCommand(roundId, community, compound, request.building().strip(),
                areas, volunteers.stream().map(VolunteerId::of).toList(), at, Requests.actor()));
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/disinfections/" + roundId))
                .body(new Recorded(roundId, compound, request.building().strip(), areas, volunteers, at));
    }

    /** Per building of the community (or one compound), the day's rounds and whether they are complete. */
    @GetMapping
    Map<String, Object> day(@RequestParam(required = false) @Size(max = 128) String communityId,
                            @RequestParam(required = false) @Size(max = 64) String compoundId,
                            @RequestParam(required = false) LocalDate date) {
        String community = Jurisdiction.readingCommunity(communityId);
        if (compoundId != null) {
            Requests.caller().requireCovers(community, compoundId);
        }
        LocalDate day = date != null ? date : LocalDate.ofInstant(clock.instant(), settings.zone());
        return Map.of("communityId", community, "date", day, "buildings", queries.day(community, compoundId, day)
                .stream().filter(b -> Requests.caller().covers(community, b.compoundId())).toList());
    }
}
