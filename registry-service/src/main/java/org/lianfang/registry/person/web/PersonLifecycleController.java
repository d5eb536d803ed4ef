package org.lianfang.registry.person.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.lianfang.contracts.registry.LiftColourOverrideCommand;
import org.lianfang.contracts.registry.OverrideColourCommand;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.RecordDepartureCommand;
import org.lianfang.contracts.registry.RecordNoticeSignedCommand;
import org.lianfang.contracts.registry.RecordTraceCallCommand;
import org.lianfang.contracts.registry.VerifyPersonCommand;
import org.lianfang.platform.idempotency.ResponseSubject;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.request.RequestMetadata;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Role;
import org.lianfang.registry.person.query.ColourView;
import org.lianfang.registry.person.query.PersonColourQueries;
import org.lianfang.registry.person.query.PersonQueries;
import org.lianfang.registry.person.query.PersonView;
import org.lianfang.registry.security.Jurisdiction;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What happens to a person after registration, and their colour with its reasons. Every write
 * answers with the colour as it is afterwards, so the caller sees at once what their call changed.
 */
@RestController
@RequestMapping(path = "/api/v1/persons/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed(Role.OPERATOR)
class PersonLifecycleController {

    private final CommandGateway commands;
    private final PersonColourQueries colours;
    private final PersonQueries persons;
    private final Clock clock = Clock.systemUTC();
    private final Duration maxClockSkew;

    PersonLifecycleController(CommandGateway commands, PersonColourQueries colours, PersonQueries persons,
            @Value("${lianfang.security.max-clock-skew:5s}") Duration maxClockSkew) {
        this.commands = commands;
        this.colours = colours;
        this.persons = persons;
        this.maxClockSkew = maxClockSkew;
    }

    @PostMapping(path = "/trace-calls", consumes = MediaType.APPLICATION_JSON_VALUE)
    ColourView traceCall(@PathVariable String id, @Valid @RequestBody PersonLifecycleRequests.TraceCall request) {
        Instant occurredAt = OccurredAt.check(request.occurredAt(), clock.instant(), maxClockSkew);
        commands.sendAndWait(new RecordTraceCallCommand(person(id), request.outcome(),
                staff(request.calledBy()), at(request.calledAt() != null ? request.calledAt() : occurredAt),
                request.note(), occurredAt));
        return colour(id);
    }

    @PostMapping(path = "/verification", consumes = MediaType.APPLICATION_JSON_VALUE)
    ColourView verify(@PathVariable String id, @Valid @RequestBody PersonLifecycleRequests.Verification request) {
        commands.sendAndWait(new VerifyPersonCommand(person(id), request.inHomeQuarantine(),
                staff(request.verifiedBy()), at(request.verifiedAt())));
        return colour(id);
    }

    @PostMapping(path = "/departure", consumes = MediaType.APPLICATION_JSON_VALUE)
    ColourView depart(@PathVariable String id, @Valid @RequestBody PersonLifecycleRequests.Departure request) {
        commands.sendAndWait(new RecordDepartureCommand(person(id), request.destination(), staff(null),
                at(request.departedAt())));
        return colour(id);
    }

    @PostMapping(path = "/notices", consumes = MediaType.APPLICATION_JSON_VALUE)
    ColourView noticeSigned(@PathVariable String id, @Valid @RequestBody PersonLifecycleRequests.Notice request) {
        commands.sendAndWait(new RecordNoticeSignedCommand(person(id), request.kind(), staff(null),
                at(request.signedAt())));
        return colour(id);
    }

    @PostMapping(path = "/colour-override", consumes = MediaType.APPLICATION_JSON_VALUE)
    ColourView override(@PathVariable String id,
            @Valid @RequestBody PersonLifecycleRequests.ColourOverride request) {
        commands.sendAndWait(new OverrideColourCommand(person(id), request.colour(), request.reason(),
                identifiedActor(), clock.instant()));
        return colour(id);
    }

    @DeleteMapping("/colour-override")
    ColourView liftOverride(@PathVariable String id, @RequestParam @NotBlank @Size(max = 500) String reason) {
        commands.sendAndWait(new LiftColourOverrideCommand(person(id), reason, identifiedActor(),
                clock.instant()));
        return colour(id);
    }

    @GetMapping("/colour")
    @Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR})
    ColourView colour(@PathVariable String id) {
        person(id);
        ResponseSubject.set(id);
        return colours.colourOf(id).orElseThrow(() -> ResourceNotFoundException.of("person", id));
    }

    /**
     * Person ids are UUIDs: anything else (a compound's id, say) is no person and must not reach one;
     * a person outside the caller's jurisdiction does not exist for them.
     */
    private PersonId person(String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ResourceNotFoundException.of("person", id);
        }
        PersonView person = persons.find(id).orElseThrow(() -> ResourceNotFoundException.of("person", id));
        Jurisdiction.requireCovers(person.communityId(), person.jurisdictionCompound());
        return PersonId.of(id);
    }

    private Instant at(Instant given) {
        return given == null ? clock.instant() : given;
    }

    private static String staff(String given) {
        return given == null || given.isBlank() ? actor() : given.strip();
    }

    private static String actor() {
        return RequestMetadata.current().map(RequestMetadata::actor).orElse(RequestMetadata.ANONYMOUS);
    }

    /** A manual colour must say who set it: an anonymous request may not. */
    private static String identifiedActor() {
        String actor = actor();
        if (RequestMetadata.ANONYMOUS.equals(actor)) {
            throw InvalidRequestException.of("X-Actor", "is required to set or lift a colour by hand");
        }
        return actor;
    }
}
