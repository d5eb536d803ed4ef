package org.lianfang.volunteer.volunteer.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.lianfang.contracts.volunteer.VolunteerId;
import org.lianfang.contracts.volunteer.VolunteerKind;
import org.lianfang.platform.idempotency.ResponseSubject;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.FieldMasking;
import org.lianfang.platform.security.Role;
import org.lianfang.volunteer.support.PhoneMask;
import org.lianfang.volunteer.support.web.Jurisdiction;
import org.lianfang.volunteer.support.web.Page;
import org.lianfang.volunteer.support.web.Requests;
import org.lianfang.volunteer.volunteer.command.VolunteerCommands;
import org.lianfang.volunteer.volunteer.query.DirectoryQueries;
import org.lianfang.volunteer.volunteer.query.VolunteerView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Enrolling and reading volunteers. Phones are personal data: every list masks them; one volunteer
 * read by a role that calls people (the platform's {@link FieldMasking} table) shows the whole number.
 */
@RestController
@RequestMapping(path = "/api/v1/volunteers", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY})
class VolunteerController {

    private final CommandGateway commands;
    private final DirectoryQueries queries;

    VolunteerController(CommandGateway commands, DirectoryQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** {@code POST /volunteers}. */
    record Enrol(@NotBlank @Size(max = 50) String name,
                 @NotBlank @Pattern(regexp = "\\+?[0-9]{7,15}", message = "must be 7 to 15 digits") String phone,
                 @NotNull VolunteerKind kind,
                 @Size(max = 20) List<@NotBlank @Size(max = 40) String> skills,
                 @Size(max = 5000) String pledgeLetter) {
    }

    /** A volunteer as clients see them; {@code phoneMasked} says whether the phone was masked. */
    record VolunteerResponse(String id, String communityId, String name, String phone, boolean phoneMasked,
                             VolunteerKind kind, List<String> skills, String pledgeLetter, List<String> teamIds,
                             String enrolledBy, Instant enrolledAt) {

        static VolunteerResponse of(VolunteerView v, boolean mask) {
            return new VolunteerResponse(v.id(), v.communityId(), v.name(), mask ? PhoneMask.mask(v.phone()) : v.phone(),
                    mask, v.kind(), v.skills(), v.pledgeLetter(), v.teamIds(), v.enrolledBy(), v.enrolledAt());
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.OPERATOR)
    ResponseEntity<VolunteerResponse> enrol(@Valid @RequestBody Enrol request) {
        String community = Requests.writingCommunity();
        VolunteerId id = VolunteerId.random();
        String pledge = request.pledgeLetter() == null || request.pledgeLetter().isBlank() ? null : request.pledgeLetter();
        Requests.send(commands, new VolunteerCommands.Enroll(id, community, request.name().strip(),
                request.phone().strip(), request.kind(),
                request.skills() == null ? List.of() : request.skills().stream().map(String::strip).toList(),
                pledge, Requests.actor()));
        ResponseSubject.set(id.value());
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/volunteers/" + id))
                .body(VolunteerResponse.of(find(id.value()), false));
    }

    @GetMapping
    Page<VolunteerResponse> list(@RequestParam(required = false) @Size(max = 128) String communityId,
                                 @RequestParam(required = false) @Size(max = 100) String cursor,
                                 @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        String community = Jurisdiction.readingCommunity(communityId);
        return Page.of(queries.volunteerIds(community), cursor, limit, ids -> queries.volunteers(ids).stream()
                .map(v -> VolunteerResponse.of(v, true)).toList());
    }

    @GetMapping("/{id}")
    VolunteerResponse get(@PathVariable String id,
                          @RequestParam(name = FieldMasking.REASON_PARAMETER, required = false) String reason) {
        Caller caller = Requests.caller();
        return VolunteerResponse.of(find(id), !FieldMasking.showsPhones(caller, reason));
    }

    private VolunteerView find(String id) {
        VolunteerView view = queries.volunteer(id).orElseThrow(() -> ResourceNotFoundException.of("volunteer", id));
        Requests.caller().requireCovers(view.communityId());
        return view;
    }
}
