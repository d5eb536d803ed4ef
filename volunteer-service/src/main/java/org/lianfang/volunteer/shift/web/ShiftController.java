package org.lianfang.volunteer.shift.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.lianfang.contracts.checkpoint.CheckpointId;
import org.lianfang.contracts.volunteer.ShiftId;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Role;
import org.lianfang.volunteer.config.VolunteerSettings;
import org.lianfang.volunteer.shift.command.ScheduleShiftCommand;
import org.lianfang.volunteer.shift.query.CheckpointSites;
import org.lianfang.volunteer.shift.query.Coverage;
import org.lianfang.volunteer.shift.query.CoverageQueries;
import org.lianfang.volunteer.shift.query.ShiftQueries;
import org.lianfang.volunteer.shift.query.ShiftView;
import org.lianfang.volunteer.support.web.Jurisdiction;
import org.lianfang.volunteer.support.web.Requests;
import org.lianfang.volunteer.volunteer.command.AttendancePolicy;
import org.lianfang.volunteer.volunteer.command.VolunteerCommands;
import org.lianfang.volunteer.volunteer.query.DirectoryQueries;
import org.lianfang.volunteer.volunteer.query.Rosters;
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

/**
 * Shifts at checkpoints: planning, putting volunteers on them, check-in and check-out, and the
 * coverage of open checkpoints hour by hour. Attendance (on time, late, missing) is judged when read.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY})
class ShiftController {

    private static final Duration LONGEST_WINDOW = Duration.ofDays(7);

    private final CommandGateway commands;
    private final ShiftQueries shifts;
    private final CheckpointSites checkpoints;
    private final DirectoryQueries directory;
    private final Rosters rosters;
    private final CoverageQueries coverage;
    private final VolunteerSettings settings;
    private final Clock clock;

    ShiftController(CommandGateway commands, ShiftQueries shifts, CheckpointSites checkpoints,
                    DirectoryQueries directory, Rosters rosters, CoverageQueries coverage, VolunteerSettings settings,
                    Clock clock) {
        this.commands = commands;
        this.shifts = shifts;
        this.checkpoints = checkpoints;
        this.directory = directory;
        this.rosters = rosters;
        this.coverage = coverage;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code POST /shifts}. */
    record Schedule(@NotBlank @Size(max = 128) String checkpointId, @NotNull Instant startsAt,
                    @NotNull Instant endsAt, @NotNull Integer requiredHeadcount) {
    }

    /** {@code POST /shifts/{id}/assignments}. */
    record Assign(@NotBlank @Size(max = 64) String volunteerId) {
    }

    /** {@code POST /shifts/{id}/check-ins} and {@code /check-outs}; {@code at} defaults to now. */
    record Attendance(@NotBlank @Size(max = 64) String volunteerId, Instant at) {
    }

    /** A volunteer on a shift, with how their attendance stands now. */
    record AssignmentResponse(String volunteerId, String volunteerName, Instant assignedAt, Instant checkedInAt,
                              Instant checkedOutAt, AttendancePolicy.Status attendance) {
    }

    /** A shift as clients see it. */
    record ShiftResponse(String id, String checkpointId, String communityId, String compoundId, Instant startsAt,
                         Instant endsAt, int requiredHeadcount, int assigned, int checkedIn,
                         List<AssignmentResponse> assignments, String scheduledBy, Instant scheduledAt) {
    }

    /** A volunteer's place on one shift, as answered to writes. */
    record PlaceResponse(String volunteerId, String shiftId, String checkpointId, Instant startsAt, Instant endsAt,
                         Instant assignedAt, Instant checkedInAt, Instant checkedOutAt,
                         AttendancePolicy.Status attendance) {
    }

    /** Coverage of a window: every open checkpoint-hour and the gaps among them. */
    record CoverageResponse(String communityId, Instant from, Instant to, List<Coverage.Hour> hours,
                            List<Coverage.Hour> gaps) {
    }

    @PostMapping(path = "/shifts", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.OPERATOR)
    ResponseEntity<ShiftResponse> schedule(@Valid @RequestBody Schedule request) {
        String community = Requests.writingCommunity();
        CheckpointSites.Site site = checkpoints.find(request.checkpointId().strip())
                .filter(s -> s.communityId().equals(community))
                .orElseThrow(() -> InvalidRequestException.of("checkpointId", "is not a checkpoint of this community"));
        Requests.caller().requireCovers(community, site.compoundId());
        ShiftId id = ShiftId.random();
        Requests.send(commands, new ScheduleShiftCommand(id, CheckpointId.of(site.id()), community, site.compoundId(),
                request.startsAt(), request.endsAt(), request.requiredHeadcount(), Requests.actor()));
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/shifts/" + id))
                .body(response(shift(id.value())));
    }

    @GetMapping("/shifts/{id}")
    ShiftResponse get(@PathVariable String id) {
        return response(shift(id));
    }

    /** The shifts at one checkpoint overlapping a window (default: from now over the coverage horizon). */
    @GetMapping("/shifts")
    Map<String, List<ShiftResponse>> atCheckpoint(@RequestParam @Size(max = 128) String checkpointId,
                                                  @RequestParam(required = false) Instant from,
                                                  @RequestParam(required = false) Instant to) {
        CheckpointSites.Site site = checkpoints.find(checkpointId)
                .orElseThrow(() -> ResourceNotFoundException.of("checkpoint", checkpointId));
        Requests.caller().requireCovers(site.communityId(), site.compoundId());
        Instant start = from != null ? from : clock.instant();
        Instant end = window(start, to);
        return Map.of("items", shifts.atCheckpoints(List.of(site.id()), start, end).stream()
                .map(this::response).toList());
    }

    @PostMapping(path = "/shifts/{id}/assignments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.OPERATOR)
    PlaceResponse assign(@PathVariable String id, @Valid @RequestBody Assign request) {
        ShiftView shift = shift(id);
        VolunteerView volunteer = volunteerOf(shift, request.volunteerId());
        Requests.send(commands, new VolunteerCommands.AssignToShift(VolunteerId.of(volunteer.id()),
                ShiftId.of(shift.id()), CheckpointId.of(shift.checkpointId()), shift.startsAt(), shift.endsAt(),
                Requests.actor()));
        return place(volunteer.id(), shift.id());
    }

    @DeleteMapping("/shifts/{id}/assignments/{volunteerId}")
    @Allowed(Role.OPERATOR)
    ResponseEntity<Void> unassign(@PathVariable String id, @PathVariable String volunteerId,
                                  @RequestParam(required = false) @Size(max = 200) String reason) {
        ShiftView shift = shift(id);
        VolunteerView volunteer = volunteerOf(shift, volunteerId);
        Requests.send(commands, new VolunteerCommands.UnassignFromShift(VolunteerId.of(volunteer.id()),
                ShiftId.of(shift.id()), reason, Requests.actor()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/shifts/{id}/check-ins", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.OPERATOR)
    PlaceResponse checkIn(@PathVariable String id, @Valid @RequestBody Attendance request) {
        ShiftView shift = shift(id);
        VolunteerView volunteer = volunteerOf(shift, request.volunteerId());
        Requests.send(commands, new VolunteerCommands.CheckIn(VolunteerId.of(volunteer.id()), ShiftId.of(shift.id()),
                request.at(), Requests.actor()));
        return place(volunteer.id(), shift.id());
    }

    @PostMapping(path = "/shifts/{id}/check-outs", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.OPERATOR)
    PlaceResponse checkOut(@PathVariable String id, @Valid @RequestBody Attendance request) {
        ShiftView shift = shift(id);
        VolunteerView volunteer = volunteerOf(shift, request.volunteerId());
        Requests.send(commands, new VolunteerCommands.CheckOut(VolunteerId.of(volunteer.id()),
                ShiftId.of(shift.id()), request.at(), Requests.actor()));
        return place(volunteer.id(), shift.id());
    }

    /** Coverage of the community's open checkpoints, hour by hour. */
    @GetMapping("/shifts/coverage")
    CoverageResponse coverage(@RequestParam(required = false) @Size(max = 128) String communityId,
                              @RequestParam(required = false) Instant from,
                              @RequestParam(required = false) Instant to) {
        String community = Jurisdiction.readingCommunity(communityId);
        Instant start = from != null ? from : clock.instant();
        return coverageOf(community, start, window(start, to));
    }

    private CoverageResponse coverageOf(String community, Instant from, Instant to) {
        List<Coverage.Hour> hours = coverage.hours(community, from, to, clock.instant(),
                s -> Requests.caller().covers(s.communityId(), s.compoundId()));
        return new CoverageResponse(community, from, to, hours, hours.stream().filter(h -> h.gap() != null).toList());
    }

    @GetMapping("/volunteers/{id}/shifts")
    Map<String, List<ShiftResponse>> ofVolunteer(@PathVariable String id) {
        VolunteerView volunteer = directory.volunteer(id)
                .orElseThrow(() -> ResourceNotFoundException.of("volunteer", id));
        Requests.caller().requireCovers(volunteer.communityId());
        return Map.of("items", shifts.ofVolunteer(id).stream().map(this::response).toList());
    }

    private Instant window(Instant from, Instant to) {
        Instant end = to != null ? to : from.plus(settings.coverageHorizon());
        if (!end.isAfter(from)) {
            throw InvalidRequestException.of("to", "must be after from");
        }
        if (Duration.between(from, end).compareTo(LONGEST_WINDOW) > 0) {
            throw InvalidRequestException.of("to", "must be at most 7 days after from");
        }
        return end;
    }

    private ShiftView shift(String id) {
        ShiftView shift = shifts.find(id).orElseThrow(() -> ResourceNotFoundException.of("shift", id));
        Requests.caller().requireCovers(shift.communityId(), shift.compoundId());
        return shift;
    }

    private VolunteerView volunteerOf(ShiftView shift, String volunteerId) {
        return directory.volunteer(volunteerId.strip()).filter(v -> v.communityId().equals(shift.communityId()))
                .orElseThrow(() -> InvalidRequestException.of("volunteerId", "is not a volunteer of this community"));
    }

    private PlaceResponse place(String volunteerId, String shiftId) {
        Rosters.Place p = rosters.place(volunteerId, shiftId).orElseThrow(() -> new IllegalStateException(
                "volunteer " + volunteerId + " is not on shift " + shiftId + " after a successful command"));
        return new PlaceResponse(p.volunteerId(), p.shiftId(), p.checkpointId(), p.startsAt(), p.endsAt(),
                p.assignedAt(), p.checkedInAt(), p.checkedOutAt(),
                AttendancePolicy.status(p.startsAt(), p.checkedInAt(), clock.instant(), settings.lateAfter()));
    }

    private ShiftResponse response(ShiftView s) {
        Instant now = clock.instant();
        List<AssignmentResponse> assignments = s.assignments().stream().map(a -> new AssignmentResponse(
                a.volunteerId(), a.volunteerName(), a.assignedAt(), a.checkedInAt(), a.checkedOutAt(),
                AttendancePolicy.status(s.startsAt(), a.checkedInAt(), now, settings.lateAfter()))).toList();
        int checkedIn = (int) s.assignments().stream().filter(a -> a.checkedInAt() != null).count();
        return new ShiftResponse(s.id(), s.checkpointId(), s.communityId(), s.compoundId(), s.startsAt(), s.endsAt(),
                s.requiredHeadcount(), s.assignments().size(), checkedIn, assignments, s.scheduledBy(),
                s.scheduledAt());
    }
}
