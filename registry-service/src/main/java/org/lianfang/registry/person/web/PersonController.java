package org.lianfang.registry.person.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.lianfang.contracts.registry.Origin;
import org.lianfang.contracts.registry.RiskColour;
import org.lianfang.platform.idempotency.ResponseSubject;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.request.RequestMetadata;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Role;
import org.lianfang.registry.compound.query.CompoundDirectory;
import org.lianfang.registry.person.command.PersonRegistration;
import org.lianfang.registry.person.query.PersonIndex;
import org.lianfang.registry.person.query.PersonQueries;
import org.lianfang.registry.person.query.PersonView;
import org.lianfang.registry.security.Jurisdiction;
import org.springframework.beans.factory.annotation.Value;
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
 * Registering and reading persons. Registering an ID number that is already registered is not an
 * error: it answers 200 with the person who holds it, so a registrar who is unsure may simply
 * register again.
 */
@RestController
@RequestMapping(path = "/api/v1/persons", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR})
class PersonController {

    private final PersonRegistration registration;
    private final PersonQueries queries;
    private final PersonIndex index;
    private final CompoundDirectory compounds;

    private final Clock clock = Clock.systemUTC();
    private final Duration maxClockSkew;

    PersonController(PersonRegistration registration, PersonQueries queries, PersonIndex index,
            CompoundDirectory compounds, @Value("${lianfang.security.max-clock-skew:5s}") Duration maxClockSkew) {
        this.registration = registration;
        this.queries = queries;
        this.index = index;
        this.compounds = compounds;
        this.maxClockSkew = maxClockSkew;
    }

    /** The registered compound the form names; a {@code compoundId} must name one of the community's. */
    private CompoundDirectory.Resolved compoundOf(String community, RegisterPersonRequest request) {
        if (request.compoundId() != null && !request.compoundId().isBlank()) {
            return compounds.byId(community, request.compoundId().strip()).orElseThrow(() ->
                    InvalidRequestException.of("compoundId", "is not a registered compound of this community"));
        }
        return compounds.resolve(community, request.compound()).orElse(null);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.OPERATOR)
    ResponseEntity<PersonView> register(@Valid @RequestBody RegisterPersonRequest request) {
        request.checkConsistency();
        OccurredAt.check(request.occurredAt(), clock.instant(), maxClockSkew);
        String community = Jurisdiction.writeCommunity();
        CompoundDirectory.Resolved compound = compoundOf(community, request);
        String actor = RequestMetadata.current().map(RequestMetadata::actor).orElse(RequestMetadata.ANONYMOUS);
        PersonRegistration.Outcome outcome = registration.register(request.idNumber(),
                (personId, registeredAt) -> request.toCommand(personId, registeredAt, actor, compound),
                personId -> get(personId.value()));
        String id = outcome.personId().value();
        PersonView person = queries.find(id).orElseThrow(() -> new IllegalStateException(
                "person " + id + " is neither projected nor in the event store"));
        ResponseSubject.set(id);
        return ResponseEntity.status(outcome.registered() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/persons/" + id))
                .body(person);
    }

    /** One page of persons, in id order; {@code nextCursor} is null on the last page. */
    record Page(List<PersonView> items, String nextCursor) {
    }

    /**
     * Persons of the caller's community by compound, colour, origin and owner (each optional; the
     * owner is a named staff member or roles joined by {@code +}), from keyed index documents; the
     * index follows the events a moment behind the writes.
     */
    @GetMapping
    Page list(@RequestParam(required = false) @Size(max = 50) String compound,
            @RequestParam(required = false) RiskColour colour, @RequestParam(required = false) Origin origin,
            @RequestParam(required = false) @Size(max = 100) String owner,
            @RequestParam(required = false) @Size(max = 100) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        List<String> ids = index.find(Jurisdiction.listedCommunity(), compound, colour, origin, owner, cursor,
                limit + 1);
        List<PersonView> items = ids.stream().limit(limit).map(queries::find).flatMap(Optional::stream)
                .filter(person -> Jurisdiction.covers(person.communityId(), person.jurisdictionCompound())).toList();
        return new Page(items, ids.size() > limit ? ids.get(limit - 1) : null);
    }

    @GetMapping("/{id}")
    PersonView get(@PathVariable String id) {
        PersonView person = queries.find(id).orElseThrow(() -> ResourceNotFoundException.of("person", id));
        Jurisdiction.requireCovers(person.communityId(), person.jurisdictionCompound());
        return person;
    }
}
