package org.lianfang.quarantine.cases.web;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.lianfang.contracts.quarantine.CompleteQuarantineCommand;
import org.lianfang.contracts.quarantine.ExtendQuarantineCommand;
import org.lianfang.contracts.quarantine.InvalidCaseInputException;
import org.lianfang.contracts.quarantine.QuarantineCaseId;
import org.lianfang.contracts.quarantine.RecordTemperatureCommand;
import org.lianfang.contracts.quarantine.ReleaseQuarantineEarlyCommand;
import org.lianfang.contracts.quarantine.ReportSymptomCommand;
import org.lianfang.contracts.quarantine.TransferQuarantineCommand;
import org.lianfang.platform.idempotency.ResponseSubject;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.request.RequestMetadata;
import org.lianfang.platform.security.Allowed;
import org.lianfang.platform.security.Caller;
import org.lianfang.platform.security.Role;
import org.lianfang.quarantine.cases.command.QuarantinePolicies;
import org.lianfang.quarantine.cases.command.QuarantineStarts;
import org.lianfang.quarantine.cases.command.RegistryPersons;
import org.lianfang.quarantine.cases.query.CaseQueries;
import org.lianfang.quarantine.cases.query.CaseView;
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
 * Quarantine cases over HTTP. Starting a case for a person who already has an active one is not an
 * error: it answers 200 with that case. Who may do what (DESIGN.md "Roles"): operators start, extend,
 * transfer and complete cases; medics take readings, report symptoms and alone may release early;
 * auditors and the county only read. Every case carries its community (and compound): a case outside
 * the caller's jurisdiction is a 404, and lists show only covered cases.
 */
@RestController
@RequestMapping(path = "/api/v1/quarantines", produces = MediaType.APPLICATION_JSON_VALUE)
class QuarantineController {

    private final QuarantineStarts starts;
    private final CommandGateway commands;
    private final CaseQueries queries;
    private final QuarantinePolicies policies;
    private final RegistryPersons persons;
    private final Clock clock;

    QuarantineController(QuarantineStarts starts, CommandGateway commands, CaseQueries queries,
                         QuarantinePolicies policies, RegistryPersons persons, Clock clock) {
        this.starts = starts;
        this.commands = commands;
        this.queries = queries;
        this.policies = policies;
        this.persons = persons;
        this.clock = clock;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed({Role.OPERATOR, Role.MEDIC})
    ResponseEntity<CaseResponse> start(@Valid @RequestBody QuarantineRequests.Start request) {
        Caller caller = caller();
        String community = caller.communityId();
        if (community == null || Caller.ALL_COMMUNITIES.equals(community)) {
            throw InvalidRequestException.of("X-Community-Id", "must name the community the case belongs to");
        }
        if (policies.period().startsAt(request.arrivalDate()).isAfter(clock.instant())) {
            throw InvalidRequestException.of("arrivalDate", "must not be in the future");
        }
        String personId = request.personId().strip();
        String compound = request.compoundId() != null ? request.compoundId().strip()
                : persons.find(personId).map(RegistryPersons.Person::compound).orElse(null);
        if (!caller.covers(community, compound)) {
            throw InvalidRequestException.of("compoundId", "is outside the caller's compounds");
        }
        QuarantineStarts.Outcome outcome = starts.start(personId, request.kind(), request.arrivalDate(),
                request.reason().strip(), actor(), community, compound);
        String id = outcome.caseId().value();
        CaseView started = queries.current(id).orElseThrow();
        caller.requireCovers(started.communityId(), started.compoundId());
        return ResponseEntity.status(outcome.started() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/quarantines/" + id))
                .body(response(started));
    }

    @GetMapping("/{id}")
    @Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY})
    CaseResponse get(@PathVariable String id) {
        return response(covered(queries.find(id), id));
    }

    @GetMapping
    @Allowed({Role.OPERATOR, Role.MEDIC, Role.AUDITOR, Role.COUNTY})
    Map<String, List<CaseResponse>> byPerson(@RequestParam String personId) {
        Caller caller = caller();
        return Map.of("items", queries.findByPerson(personId).stream()
                .filter(view -> view.communityId() == null || caller.covers(view.communityId(), view.compoundId()))
                .map(this::response).toList());
    }

    @PostMapping(path = "/{id}/temperatures", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.MEDIC)
    CaseResponse temperature(@PathVariable String id, @Valid @RequestBody QuarantineRequests.Temperature request) {
        return send(id, new RecordTemperatureCommand(QuarantineCaseId.of(id), request.celsius(), request.method(),
                request.medic() == null || request.medic().isBlank() ? actor() : request.medic().strip(),
                request.occurredAt()));
    }

    @PostMapping(path = "/{id}/symptoms", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.MEDIC)
    CaseResponse symptoms(@PathVariable String id, @Valid @RequestBody QuarantineRequests.Symptoms request) {
        return send(id, new ReportSymptomCommand(QuarantineCaseId.of(id), request.symptoms(), request.notes(),
                actor(), request.occurredAt()));
    }

    @PostMapping(path = "/{id}/extension", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed({Role.OPERATOR, Role.MEDIC})
    CaseResponse extend(@PathVariable String id, @Valid @RequestBody QuarantineRequests.Extension request) {
        return send(id, new ExtendQuarantineCommand(QuarantineCaseId.of(id), request.days(), request.reason().strip(),
                actor()));
    }

    @PostMapping(path = "/{id}/transfer", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed({Role.OPERATOR, Role.MEDIC})
    CaseResponse transfer(@PathVariable String id, @Valid @RequestBody QuarantineRequests.Transfer request) {
        return send(id, new TransferQuarantineCommand(QuarantineCaseId.of(id), request.facility().strip(),
                request.reason().strip(), actor()));
    }

    @PostMapping(path = "/{id}/early-release", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Role.MEDIC)
    CaseResponse releaseEarly(@PathVariable String id, @Valid @RequestBody QuarantineRequests.EarlyRelease request) {
        return send(id, new ReleaseQuarantineEarlyCommand(QuarantineCaseId.of(id), request.reason().strip(), actor()));
    }

    @PostMapping("/{id}/completion")
    @Allowed({Role.OPERATOR, Role.MEDIC})
    CaseResponse complete(@PathVariable String id) {
        return send(id, new CompleteQuarantineCommand(QuarantineCaseId.of(id), actor()));
    }

    /** Checks jurisdiction on the case as stored, then sends; a case outside it is a 404 and stays unchanged. */
    private CaseResponse send(String id, Object command) {
        covered(queries.current(id), id);
        try {
            commands.sendAndWait(command);
        } catch (InvalidCaseInputException e) {
            throw InvalidRequestException.of(e.field(), e.getMessage());
        }
        return response(queries.current(id).orElseThrow(() -> new IllegalStateException(
                "quarantine case " + id + " is not in the event store after a successful command")));
    }

    private static CaseView covered(java.util.Optional<CaseView> view, String id) {
        CaseView found = view.orElseThrow(() -> ResourceNotFoundException.of("quarantine case", id));
        caller().requireCovers(found.communityId(), found.compoundId());
        return found;
    }

    private CaseResponse response(CaseView view) {
        ResponseSubject.set(view.personId());
        return CaseResponse.of(view, policies.period(), clock.instant());
    }

    private static Caller caller() {
        return Caller.current().orElseThrow();
    }

    static String actor() {
        return RequestMetadata.current().map(RequestMetadata::actor).orElse(RequestMetadata.ANONYMOUS);
    }
}
