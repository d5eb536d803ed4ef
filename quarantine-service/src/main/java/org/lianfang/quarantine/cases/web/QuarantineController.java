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
import org.lianfang.platform.problem.ForbiddenException;
import org.lianfang.platform.problem.InvalidRequestException;
import org.lianfang.platform.problem.ResourceNotFoundException;
import org.lianfang.platform.request.RequestMetadata;
import org.lianfang.quarantine.cases.command.QuarantinePolicies;
import org.lianfang.quarantine.cases.command.QuarantineStarts;
import org.lianfang.quarantine.cases.query.CaseQueries;
import org.lianfang.quarantine.cases.query.CaseView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Quarantine cases over HTTP. Starting a case for a person who already has an active one is not an
 * error: it answers 200 with that case. Early release needs the medic role, read from the
 * {@code X-Actor-Role} header until the gateway authenticates callers (a later issue); the header
 * is trusted only because nothing but the gateway may reach the service.
 */
@RestController
@RequestMapping(path = "/api/v1/quarantines", produces = MediaType.APPLICATION_JSON_VALUE)
class QuarantineController {

    static final String ROLE_HEADER = "X-Actor-Role";
    static final String MEDIC = "medic";

    private final QuarantineStarts starts;
    private final CommandGateway commands;
    private final CaseQueries queries;
    private final QuarantinePolicies policies;
    private final Clock clock;

    QuarantineController(QuarantineStarts starts, CommandGateway commands, CaseQueries queries,
                         QuarantinePolicies policies, Clock clock) {
        this.starts = starts;
        this.commands = commands;
        this.queries = queries;
        this.policies = policies;
        this.clock = clock;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseResponse> start(@Valid @RequestBody QuarantineRequests.Start request) {
        if (policies.period().startsAt(request.arrivalDate()).isAfter(clock.instant())) {
            throw InvalidRequestException.of("arrivalDate", "must not be in the future");
        }
        QuarantineStarts.Outcome outcome = starts.start(request.personId().strip(), request.kind(),
                request.arrivalDate(), request.reason().strip(), actor());
        String id = outcome.caseId().value();
        return ResponseEntity.status(outcome.started() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/quarantines/" + id))
                .body(current(id));
    }

    @GetMapping("/{id}")
    CaseResponse get(@PathVariable String id) {
        return response(queries.find(id).orElseThrow(() -> ResourceNotFoundException.of("quarantine case", id)));
    }

    @GetMapping
    Map<String, List<CaseResponse>> byPerson(@RequestParam String personId) {
        return Map.of("items", queries.findByPerson(personId).stream().map(this::response).toList());
    }

    @PostMapping(path = "/{id}/temperatures", consumes = MediaType.APPLICATION_JSON_VALUE)
    CaseResponse temperature(@PathVariable String id, @Valid @RequestBody QuarantineRequests.Temperature request) {
        return send(id, new RecordTemperatureCommand(QuarantineCaseId.of(id), request.celsius(), request.method(),
                request.medic().strip(), request.occurredAt()));
    }

    @PostMapping(path = "/{id}/symptoms", consumes = MediaType.APPLICATION_JSON_VALUE)
    CaseResponse symptoms(@PathVariable String id, @Valid @RequestBody QuarantineRequests.Symptoms request) {
        return send(id, new ReportSymptomCommand(QuarantineCaseId.of(id), request.symptoms(), request.notes(),
                actor(), request.occurredAt()));
    }

    @PostMapping(path = "/{id}/extension", consumes = MediaType.APPLICATION_JSON_VALUE)
    CaseResponse extend(@PathVariable String id, @Valid @RequestBody QuarantineRequests.Extension request) {
        return send(id, new ExtendQuarantineCommand(QuarantineCaseId.of(id), request.days(), request.reason().strip(),
                actor()));
    }

    @PostMapping(path = "/{id}/transfer", consumes = MediaType.APPLICATION_JSON_VALUE)
    CaseResponse transfer(@PathVariable String id, @Valid @RequestBody QuarantineRequests.Transfer request) {
        return send(id, new TransferQuarantineCommand(QuarantineCaseId.of(id), request.facility().strip(),
                request.reason().strip(), actor()));
    }

    @PostMapping(path = "/{id}/early-release", consumes = MediaType.APPLICATION_JSON_VALUE)
    CaseResponse releaseEarly(@PathVariable String id, @Valid @RequestBody QuarantineRequests.EarlyRelease request,
                              @RequestHeader(name = ROLE_HEADER, required = false) String role) {
        if (!MEDIC.equals(role)) {
            throw new ForbiddenException("Only a medic may release a person from quarantine early.");
        }
        return send(id, new ReleaseQuarantineEarlyCommand(QuarantineCaseId.of(id), request.reason().strip(), actor()));
    }

    @PostMapping("/{id}/completion")
    CaseResponse complete(@PathVariable String id) {
        return send(id, new CompleteQuarantineCommand(QuarantineCaseId.of(id), actor()));
    }

    private CaseResponse send(String id, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (InvalidCaseInputException e) {
            throw InvalidRequestException.of(e.field(), e.getMessage());
        }
        return current(id);
    }

    private CaseResponse current(String id) {
        CaseView view = queries.current(id).orElseThrow(() -> new IllegalStateException(
                "quarantine case " + id + " is not in the event store after a successful command"));
        return response(view);
    }

    private CaseResponse response(CaseView view) {
        return CaseResponse.of(view, policies.period(), clock.instant());
    }

    private static String actor() {
        return RequestMetadata.current().map(RequestMetadata::actor).orElse(RequestMetadata.ANONYMOUS);
    }
}
