package org.lianfang.registry.household.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.lianfang.contracts.registry.AddHouseholdMemberCommand;
import org.lianfang.contracts.registry.PersonId;
import org.lianfang.contracts.registry.RegisterHouseholdCommand;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.request.RequestMetadata;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Role;
import org.lianfang.registry.security.Jurisdiction;
import org.lianfang.registry.compound.query.CompoundQueries;
import org.lianfang.registry.household.command.HouseholdAddresses;
import org.lianfang.registry.household.query.HouseholdQueries;
import org.lianfang.registry.household.query.HouseholdView;
import org.lianfang.registry.person.query.PersonQueries;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Households at their addresses and their members. Registering an address that already has a
 * household answers 200 with it, as registering a known ID number does for persons.
 */
@RestController
@RequestMapping(path = "/api/v1/households", produces = MediaType.APPLICATION_JSON_VALUE)
@Allowed(Role.OPERATOR)
class HouseholdController {

    static final String PREFIX = "household-";

    private final CommandGateway commands;
    private final HouseholdAddresses addresses;
    private final HouseholdQueries queries;
    private final CompoundQueries compounds;
    private final PersonQueries persons;
    private final Clock clock = Clock.systemUTC();

    HouseholdController(CommandGateway commands, HouseholdAddresses addresses, HouseholdQueries queries,
            CompoundQueries compounds, PersonQueries persons) {
        this.commands = commands;
        this.addresses = addresses;
        this.queries = queries;
        this.compounds = compounds;
        this.persons = persons;
    }

    /** {@code POST /households}: the address. */
    record RegisterHousehold(@NotBlank @Size(max = 60) String compoundId, @NotBlank @Size(max = 20) String building,
            @Size(max = 20) String unit, @NotBlank @Size(max = 20) String room) {
    }

    /** {@code POST /households/{id}/members}. */
    record AddMember(@NotBlank @Size(max = 60) String personId) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<HouseholdView> register(@Valid @RequestBody RegisterHousehold request) {
        Jurisdiction.writeCommunity();
        if (!request.compoundId().startsWith("compound-") || compounds.find(request.compoundId())
                .filter(c -> Jurisdiction.covers(c.communityId(), c.id())).isEmpty()) {
            throw InvalidRequestException.of("compoundId", "is not a registered compound");
        }
        String unit = request.unit() == null || request.unit().isBlank() ? null : request.unit().strip();
        HouseholdAddresses.Claim claim = addresses.claim(request.compoundId(), request.building().strip(), unit,
                request.room().strip(), PREFIX + UUID.randomUUID());
        boolean created = claim.fresh() || queries.find(claim.householdId()).isEmpty();
        if (!created) {
            get(claim.householdId());
        }
        if (created) {
            commands.sendAndWait(new RegisterHouseholdCommand(claim.householdId(), request.compoundId(),
                    request.building(), unit, request.room(), actor(), clock.instant()));
        }
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/households/" + claim.householdId()))
                .body(get(claim.householdId()));
    }

    @PostMapping(path = "/{id}/members", consumes = MediaType.APPLICATION_JSON_VALUE)
    HouseholdView addMember(@PathVariable String id, @Valid @RequestBody AddMember request) {
        get(id);
        if (!isUuid(request.personId()) || persons.find(request.personId())
                .filter(p -> Jurisdiction.covers(p.communityId(), p.jurisdictionCompound())).isEmpty()) {
            throw InvalidRequestException.of("personId", "is not a registered person");
        }
        commands.sendAndWait(new AddHouseholdMemberCommand(id, PersonId.of(request.personId()), actor(),
                clock.instant()));
        return get(id);
    }

    @GetMapping("/{id}")
    @Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR})
    HouseholdView get(@PathVariable String id) {
        known(id);
        HouseholdView household = queries.find(id).orElseThrow(() -> ResourceNotFoundException.of("household", id));
        Jurisdiction.requireCovers(household.communityId(), household.compoundId());
        return household;
    }

    private static void known(String id) {
        if (!id.startsWith(PREFIX)) {
            throw ResourceNotFoundException.of("household", id);
        }
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String actor() {
        return RequestMetadata.current().map(RequestMetadata::actor).orElse(RequestMetadata.ANONYMOUS);
    }
}
